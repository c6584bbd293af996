package dev.ghcrdashboard.cleanup;

import dev.ghcrdashboard.github.GitHubClient;
import dev.ghcrdashboard.github.GitHubException;
import dev.ghcrdashboard.github.GitHubNotFoundException;
import dev.ghcrdashboard.github.GitHubRejectedException;
import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.github.Visibility;
import dev.ghcrdashboard.packages.PackageAnalysis;
import dev.ghcrdashboard.packages.PackageAnalyzer;
import dev.ghcrdashboard.persistence.Timestamps;
import dev.ghcrdashboard.secrets.TokenVault;
import dev.ghcrdashboard.security.SignedInUser;
import dev.ghcrdashboard.common.BadRequestException;
import dev.ghcrdashboard.common.ForbiddenException;
import dev.ghcrdashboard.common.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.validation.BeanPropertyBindingResult;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plans, previews and starts cleanups, and deletes whole packages. A preview is stored; confirming
 * plans again with the same code and starts a job only when the plan is still the one shown.
 */
@Service
record CleanupService(PackageAnalyzer analyzer, Jobs jobs, TokenVault vault, GitHubClient gitHub,
                      ApplicationEventPublisher events, JdbcClient jdbc, Clock clock) {

    /** Above this many versions a confirmation asks for the package name to be typed. */
    static final int TYPED_CONFIRMATION_ABOVE = 20;
    static final String DELETE_SCOPE = "delete:packages";
    /** Pushing to the registry (a placeholder that takes a tag off, a tag put on an image); also what restoring needs. */
    static final String WRITE_SCOPE = "write:packages";
    private static final Duration ANALYSIS_WAIT = Duration.ofSeconds(30);
    private static final DeletePlanner PLANNER = new DeletePlanner();
    private static final JsonMapper JSON = JsonMapper.shared();

    /** A stored plan as the person saw it. */
    public record Preview(String id, String packageName, CleanupForm form, DeletePlan plan, PackageAnalysis analysis) {

        public boolean needsTypedConfirmation() {
            return plan.touchesTaggedImage() || plan.toDelete().size() + plan.tagsRemoved() > TYPED_CONFIRMATION_ABOVE;
        }

        /** What the confirm button does: "Delete 3 versions", "Remove 2 tags", or both. */
        public String actionLabel() {
            int versions = plan.toDelete().size();
            int tags = plan.tagsRemoved();
            String delete = "Delete " + versions + (versions == 1 ? " version" : " versions");
            String untag = (versions == 0 ? "Remove " : "remove ") + tags + (tags == 1 ? " tag" : " tags");
            return versions == 0 ? untag : tags == 0 ? delete : delete + " and " + untag;
        }
    }

    /**
     * What confirming led to: a started job; a new preview because the package changed meanwhile; the same preview
     * again because the confirmation was not good enough (and why); or a permission to ask GitHub for first.
     */
    public sealed interface Confirmation permits Started, Changed, NotConfirmed, NeedsPermission {
    }

    /**
     * Carrying out the plan needs a scope the person has not granted: {@code delete} (delete:packages) for any plan,
     * {@code tag} (write:packages) for one that removes tags.
     */
    public record NeedsPermission(String action) implements Confirmation {
    }

    public record Started(String jobId) implements Confirmation {
    }

    public record Changed(Preview preview) implements Confirmation {
    }

    public record NotConfirmed(Preview preview, String reason) implements Confirmation {
    }

    /** The package's current analysis (waiting a while for its manifests). */
    public PackageAnalysis analysis(SignedInUser user, Owner owner, String packageName) {
        PackageAnalysis analysis = analyzer.analyse(user, owner, packageName, ANALYSIS_WAIT);
        if (analysis == null) {
            throw new NotFoundException("The versions of " + packageName + " are still being read; try again in a moment.");
        }
        return analysis;
    }

    /**
     * Plans a form that passed its field checks, and stores the plan for confirmation.
     *
     * @throws BadRequestException when a rule cannot be used (a page shows that beside the field instead,
     *                             through {@link CleanupForm#toRequest})
     */
    Preview preview(SignedInUser user, Owner owner, String packageName, CleanupForm form) {
        var errors = new BeanPropertyBindingResult(form, "form");
        CleanupRequest request = form.toRequest(errors)
                .orElseThrow(() -> new BadRequestException(errors.getAllErrors().get(0).getDefaultMessage()));
        return preview(user, owner, packageName, form, request);
    }

    /** Plans the form's cleanup and stores the plan for confirmation. */
    Preview preview(SignedInUser user, Owner owner, String packageName, CleanupForm form, CleanupRequest request) {
        PackageAnalysis analysis = analysis(user, owner, packageName);
        DeletePlan plan = plan(analysis, request);
        String id = UUID.randomUUID().toString();
        // Previews nobody confirmed are kept a day; confirming plans again anyway, so age never matters for safety.
        jdbc.sql("DELETE FROM cleanup_preview WHERE created_at < :dayAgo")
                .param("dayAgo", Timestamps.column(clock.instant().minus(Duration.ofDays(1)))).update();
        jdbc.sql("INSERT INTO cleanup_preview (id, actor, owner, package_name, request, fingerprint, created_at)"
                        + " VALUES (:id, :actor, :owner, :packageName, :request, :fingerprint, :createdAt)")
                .param("id", id)
                .param("actor", user.login())
                .param("owner", owner.login())
                .param("packageName", packageName)
                .param("request", JSON.writeValueAsString(form))
                .param("fingerprint", fingerprint(plan))
                .param("createdAt", Timestamps.column(clock.instant()))
                .update();
        return new Preview(id, packageName, form, plan, analysis);
    }

    /** Plans the stored preview again from fresh data; starts the job only when the plan is unchanged and confirmed. */
    public Confirmation confirm(SignedInUser user, Owner owner, String previewId, String typedName) {
        if (!user.hasScope(DELETE_SCOPE)) {
            return new NeedsPermission("delete"); // before planning afresh: no GitHub calls for someone sent to grant it
        }
        StoredPreview stored = jdbc.sql("SELECT package_name, request, fingerprint FROM cleanup_preview"
                        + " WHERE id = :id AND actor = :actor AND LOWER(owner) = LOWER(:owner)")
                .param("id", previewId).param("actor", user.login()).param("owner", owner.login())
                .query((rs, row) -> new StoredPreview(rs.getString(1), rs.getString(2), rs.getString(3)))
                .optional()
                .orElseThrow(() -> new NotFoundException("That preview is unknown or was already used; plan the cleanup again."));
        CleanupForm form = JSON.readValue(stored.request(), CleanupForm.class);
        analyzer.invalidate(owner.login(), stored.packageName());
        Preview fresh = preview(user, owner, stored.packageName(), form);
        if (!fingerprint(fresh.plan()).equals(stored.fingerprint()) || !fresh.analysis().complete()) {
            return new Changed(fresh);
        }
        DeletePlan plan = fresh.plan();
        if (plan.empty()) {
            return new NotConfirmed(fresh, "This plan deletes nothing and removes no tag.");
        }
        if (!plan.toUntag().isEmpty() && !user.hasScope(WRITE_SCOPE)) {
            return new NeedsPermission("tag");
        }
        if (fresh.needsTypedConfirmation() && !stored.packageName().equals(typedName == null ? null : typedName.trim())) {
            return new NotConfirmed(fresh, "Type the package name, " + stored.packageName() + ", to confirm.");
        }
        String jobId = jobs.create(JobKind.DELETE, user.login(), owner, stored.packageName(), plan.jobItems(), vault.seal(user.token()));
        jdbc.sql("DELETE FROM cleanup_preview WHERE id IN (:used, :fresh)").param("used", previewId).param("fresh", fresh.id())
                .update();
        return new Started(jobId);
    }

    /**
     * Deletes a whole package; the caller has had {@code owner/name} typed to confirm. What GitHub answered is
     * recorded as it was: a 404 counts as "already done" only when the package is really gone — GitHub also
     * answers 404 to someone who may read but not delete it (docs/ghcr-platform.md §3).
     *
     * @throws ForbiddenException when GitHub refused with a 404 and the package is still there
     * @throws GitHubException when GitHub refused otherwise or did not answer
     */
    void deletePackage(SignedInUser user, Owner owner, String packageName) {
        ItemState outcome = ItemState.DELETED;
        String detail = null;
        RuntimeException failure = null;
        try {
            gitHub.deletePackage(owner, packageName, user.token());
        } catch (GitHubNotFoundException notFound) {
            if (packageStillThere(user, owner, packageName)) {
                outcome = ItemState.REFUSED;
                detail = "GitHub answered 404, yet the package is still there: your account may lack admin rights on it";
                failure = new ForbiddenException("GitHub refused to delete " + owner.login() + "/" + packageName
                        + ": it answered 404, yet the package is still there. Your account may lack admin rights on it.");
            } else {
                outcome = ItemState.ALREADY_DONE;
                detail = "already gone: GitHub answered 404 and no longer lists the package";
            }
        } catch (GitHubRejectedException refused) {
            outcome = ItemState.REFUSED;
            detail = refused.githubMessage();
            failure = refused;
        } catch (GitHubException failed) {
            outcome = ItemState.FAILED;
            detail = failed.getMessage();
            failure = failed;
        }
        events.publishEvent(new PackageDeleteEnded(user.login(), owner.login(), packageName, outcome, detail, clock.instant()));
        analyzer.invalidate(owner.login(), packageName);
        if (failure != null) {
            throw failure;
        }
    }

    private boolean packageStillThere(SignedInUser user, Owner owner, String packageName) {
        try {
            gitHub.containerPackage(owner, packageName, user.token());
            return true;
        } catch (GitHubNotFoundException gone) {
            return false;
        }
    }

    /**
     * Starts deleting placeholders a tag removal left behind (the integrity check found them by their annotations).
     * They are recorded as placeholders, so the trash never offers them for restore.
     *
     * @return the job id, or empty when there is nothing to remove
     */
    Optional<String> removePlaceholders(SignedInUser user, Owner owner, String packageName, List<IntegrityReport.Leftover> placeholders) {
        if (placeholders.isEmpty()) {
            return Optional.empty();
        }
        List<Jobs.NewItem> items = placeholders.stream()
                .map(left -> new Jobs.NewItem(left.versionId(), left.digest(), left.tags(), left.digest())).toList();
        String jobId = jobs.create(JobKind.DELETE, user.login(), owner, packageName, items, vault.seal(user.token()));
        for (int seq = 0; seq < placeholders.size(); seq++) {
            jobs.markPlaceholder(jobId, seq, placeholders.get(seq).digest(), placeholders.get(seq).versionId());
        }
        return Optional.of(jobId);
    }

    /** Jobs waiting for this person's sign-in continue with their current token. */
    public int offerToken(SignedInUser user) {
        if (!jobs.waitingFor(user.login())) {
            return 0;
        }
        return jobs.offerToken(user.login(), vault.seal(user.token()));
    }

    public Optional<Job> job(String id) {
        return jobs.find(id);
    }

    public List<JobItem> items(String jobId) {
        return jobs.items(jobId);
    }

    public java.util.Map<ItemState, Integer> counts(String jobId) {
        return jobs.counts(jobId);
    }

    public List<Job> recentJobs(Owner owner, String packageName) {
        return jobs.recent(owner.login(), packageName, 10);
    }

    public void cancel(String jobId) {
        jobs.requestCancel(jobId);
    }

    DeletePlan plan(PackageAnalysis analysis, CleanupRequest request) {
        boolean isPublic = analysis.containerPackage() != null && analysis.containerPackage().visibility() == Visibility.PUBLIC;
        return PLANNER.plan(analysis.graph(), request, new PlanContext(clock.instant(), isPublic));
    }

    /**
     * What must be equal for a confirmed plan to be the previewed one: the tags removed, the versions deleted, in
     * order, and refused.
     */
    static String fingerprint(DeletePlan plan) {
        StringBuilder fingerprint = new StringBuilder();
        plan.toUntag().forEach(item -> fingerprint.append(item.node().id()).append(item.removed()).append(','));
        fingerprint.append('|');
        plan.toDelete().forEach(item -> fingerprint.append(item.node().id()).append(','));
        fingerprint.append('|');
        plan.refused().forEach(item -> fingerprint.append(item.node().id()).append(','));
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(fingerprint.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    private record StoredPreview(String packageName, String request, String fingerprint) {
    }
}
