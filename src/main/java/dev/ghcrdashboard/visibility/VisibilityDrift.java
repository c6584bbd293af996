package dev.ghcrdashboard.visibility;

import com.github.benmanes.caffeine.cache.Cache;
import dev.ghcrdashboard.caching.CacheStatistics;
import dev.ghcrdashboard.security.SignedInUser;
import dev.ghcrdashboard.github.AccessToken;
import dev.ghcrdashboard.github.ContainerPackage;
import dev.ghcrdashboard.github.Owner;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/** Rules per owner and the drift report measured against them. */
@Service
class VisibilityDrift {

    private static final Logger log = LoggerFactory.getLogger(VisibilityDrift.class);
    /** How long a viewer's token may serve the scheduled re-check after they last opened the report. */
    private static final Duration SCHEDULE_TOKEN_FRESH_FOR = Duration.ofHours(8);

    private final OwnerPackagesSource packages;
    private final RuleRepository rules;
    private final DriftRepository runs;
    private final VisibilityProofs proofs;
    private final boolean scheduled;
    private final Clock clock;
    /** Per owner, who last opened the report, with their token (in memory only, never stored). */
    private final Cache<String, RememberedViewer> viewers;
    private final ApplicationEventPublisher events;

    VisibilityDrift(OwnerPackagesSource packages, RuleRepository rules, DriftRepository runs, VisibilityProofs proofs,
                    VisibilityProperties properties, CacheStatistics caches, Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.packages = packages;
        // Viewers' tokens are remembered only for a scheduled re-check.
        this.scheduled = properties.driftRecheckInterval() != null;
        this.rules = rules;
        this.runs = runs;
        this.proofs = proofs;
        this.clock = clock;
        this.viewers = caches.register("visibility.drift-viewers", CacheStatistics.builder(clock)
                // A token serves the scheduled re-check only this long after its owner last opened the report.
                .expireAfterWrite(SCHEDULE_TOKEN_FRESH_FOR)
                .build());
    }

    /** A fresh report: lists the owner's packages with the person's token and stores the result as the latest run. */
    public DriftReport check(Owner owner, SignedInUser user) {
        if (scheduled) {
            viewers.put(owner.login(), new RememberedViewer(owner, user.token()));
        }
        return check(owner, user.token(), "PAGE");
    }

    private DriftReport check(Owner owner, AccessToken token, String trigger) {
        List<ContainerPackage> all = packages.packages(owner, token).stream()
                .sorted(Comparator.comparing(ContainerPackage::name)).toList();
        Map<String, StoredProof> latestProofs = proofs.latestFor(owner.login());
        List<DriftFinding> findings = DriftAnalysis.analyse(all, rules.forOwner(owner.login()), latestProofs);
        DriftRun run = new DriftRun(owner.login(), clock.instant(), trigger, all.size(), findings);
        announceNewDanger(run, runs.latest(owner.login()));
        try {
            runs.replace(run);
        } catch (DataAccessException e) {
            // Another instance stored a run for this owner at the same moment; this report is still accurate.
            log.warn("Could not store the drift run of {}: {}", owner.login(), e.getClass().getSimpleName());
        }
        DriftReport report = new DriftReport(owner, all, latestProofs, run);
        all.forEach(p -> proofs.listed(report.status(p)));
        return report;
    }

    /** Compared with the previous run, so each dangerous package is announced once, not at every check. */
    private void announceNewDanger(DriftRun run, Optional<DriftRun> previous) {
        var known = previous.map(earlier -> earlier.findings().stream()
                .filter(finding -> finding.severity() == DriftFinding.Severity.DANGER)
                .map(DriftFinding::packageName).collect(java.util.stream.Collectors.toSet()))
                .orElse(java.util.Set.of());
        List<DangerousDriftFound.Finding> fresh = run.findings().stream()
                .filter(finding -> finding.severity() == DriftFinding.Severity.DANGER && !known.contains(finding.packageName()))
                .map(finding -> new DangerousDriftFound.Finding(finding.packageName(), finding.reason()))
                .toList();
        if (!fresh.isEmpty()) {
            events.publishEvent(new DangerousDriftFound(run.ownerLogin(), run.checkedAt(), fresh));
        }
    }

    /** A fresh report and its packages, with the latest proof of each. */
    public record DriftReport(Owner owner, List<ContainerPackage> packages, Map<String, StoredProof> proofs,
                              DriftRun run) {

        public VisibilityStatus status(ContainerPackage p) {
            return new VisibilityStatus(owner.login(), p.name(), p.visibility(), proofs.get(p.name()));
        }
    }

    public Optional<DriftRun> latestRun(String ownerLogin) {
        return runs.latest(ownerLogin);
    }

    public List<VisibilityRule> rules(String ownerLogin) {
        return rules.forOwner(ownerLogin);
    }

    public void addRule(Owner owner, RuleKind kind, String pattern, SignedInUser user) {
        String cleaned = pattern == null ? null : pattern.strip();
        if (kind.needsPattern() && (cleaned == null || cleaned.isEmpty())) {
            throw new InvalidVisibilityRequestException("This rule needs a name pattern, for example tools/* or *-public.");
        }
        if (cleaned != null && cleaned.length() > 255) {
            throw new InvalidVisibilityRequestException("The pattern is too long (at most 255 characters).");
        }
        var rule = new VisibilityRule(null, owner.login(), kind, kind.needsPattern() ? cleaned : null, user.login(),
                clock.instant());
        long id = rules.insert(rule);
        events.publishEvent(new VisibilityRuleChanged(id, true, user.login(), rule.createdAt(), owner.login(), rule.describe()));
    }

    /** Removes a rule of this owner; {@code false} when the owner has no rule with that id. */
    public boolean deleteRule(Owner owner, long id, SignedInUser user) {
        var rule = rules.forOwner(owner.login()).stream().filter(candidate -> candidate.id() == id).findFirst();
        if (rule.isEmpty() || !rules.delete(owner.login(), id)) {
            return false;
        }
        events.publishEvent(new VisibilityRuleChanged(id, false, user.login(), clock.instant(), owner.login(),
                rule.get().describe()));
        return true;
    }

    /**
     * The scheduled re-check: re-proves what was proved before, then re-measures every owner someone
     * looked at recently, with that viewer's token (held in memory only, never stored).
     */
    int recheckRecentlyViewed() {
        return recheckRecentlyViewed((owner, recheck) -> {
            recheck.run();
            return true;
        });
    }

    /**
     * The scheduled re-check with each owner's run handed to {@code once}, which runs it unless another
     * instance re-checked that owner within the interval (a scheduler lock per owner: every instance remembers
     * only the viewers it served, so each owner is re-checked by whichever instance knows a viewer, once).
     */
    int recheckRecentlyViewed(OncePerOwner once) {
        int checked = 0;
        for (RememberedViewer viewer : List.copyOf(viewers.asMap().values())) {
            String owner = viewer.owner().login();
            try {
                boolean ran = once.run(owner, () -> {
                    proofs.latestFor(owner).keySet().forEach(name -> proofs.recheck(owner, name));
                    check(viewer.owner(), viewer.token(), "SCHEDULE");
                    log.info("Scheduled drift re-check of {} done on this instance", owner);
                });
                if (ran) {
                    checked++;
                }
            } catch (RuntimeException e) {
                log.warn("Scheduled drift check of {} failed: {}", owner, e.getClass().getSimpleName());
            }
        }
        return checked;
    }

    /** Runs one owner's re-check, or not (another instance did it); answers whether it ran. */
    @FunctionalInterface
    interface OncePerOwner {
        boolean run(String owner, Runnable recheck);
    }

    private record RememberedViewer(Owner owner, AccessToken token) {
    }
}
