package dev.ghcrdashboard.cleanup;

import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.packages.PackageAnalysis;
import dev.ghcrdashboard.packages.PackageAnalyzer;
import dev.ghcrdashboard.packages.VersionNode;
import dev.ghcrdashboard.secrets.TokenVault;
import dev.ghcrdashboard.security.SignedInUser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.validation.Errors;
import org.springframework.validation.MapBindingResult;

/**
 * Cleanup by saved rules, as retention policies use it: the rule groups of a manual cleanup checked beside their
 * fields, planned for one package with the same planner, and carried out as a job on the same engine (pacing,
 * leases, resume, audit), the job naming the policy that started it.
 */
@Service
public class RulePlans {

    private final CleanupService cleanup;
    private final Jobs jobs;
    private final TokenVault vault;
    private final PackageAnalyzer analyzer;

    RulePlans(CleanupService cleanup, Jobs jobs, TokenVault vault, PackageAnalyzer analyzer) {
        this.cleanup = cleanup;
        this.jobs = jobs;
        this.vault = vault;
        this.analyzer = analyzer;
    }

    /**
     * Checks rule groups as the cleanup form does; what the planner cannot use is reported in {@code errors} beside
     * its field ({@code groups[N].tagPattern}, …), and a set that asks for nothing is reported on {@code groups}.
     *
     * @return whether the groups can be planned
     */
    public boolean check(List<RuleGroupForm> groups, Errors errors) {
        boolean usable = true;
        for (int i = 0; i < groups.size(); i++) {
            usable &= groups.get(i).toGroup(errors, "groups[" + i + "].").isPresent();
        }
        if (groups.stream().noneMatch(RuleGroupForm::asksForSomething)) {
            errors.rejectValue("groups", "empty", "Choose at least one rule: a policy without rules would never remove anything.");
            return false;
        }
        return usable;
    }

    /**
     * Plans the rule groups for one package from its current analysis (re-used while fresh, refreshed with
     * conditional requests otherwise: an unchanged package costs no manifest read).
     *
     * @throws dev.ghcrdashboard.common.NotFoundException while the package is still being read
     * @throws IllegalArgumentException when the groups do not pass {@link #check}
     */
    public PackagePlan plan(SignedInUser runAs, Owner owner, String packageName, List<RuleGroupForm> groups) {
        return plan(runAs, owner, packageName, groups, false);
    }

    /**
     * Plans from the package as GitHub lists it now, as a confirmed manual cleanup does: the earlier analysis is
     * dropped and the versions listed again (conditional requests, answered 304 while nothing changed; manifests
     * already read come from the database, so an unchanged package still costs no manifest read).
     */
    public PackagePlan planFromCurrentListing(SignedInUser runAs, Owner owner, String packageName, List<RuleGroupForm> groups) {
        return plan(runAs, owner, packageName, groups, true);
    }

    private PackagePlan plan(SignedInUser runAs, Owner owner, String packageName, List<RuleGroupForm> groups, boolean current) {
        List<RuleGroup> rules = new ArrayList<>();
        for (RuleGroupForm group : groups) {
            rules.add(group.toGroup(new MapBindingResult(new HashMap<>(), "rules"), "")
                    .orElseThrow(() -> new IllegalArgumentException("These rules cannot be planned; open the policy to see why.")));
        }
        if (current) {
            analyzer.invalidate(owner.login(), packageName);
        }
        PackageAnalysis analysis = cleanup.analysis(runAs, owner, packageName);
        DeletePlan plan = cleanup.plan(analysis, new CleanupRequest(new LinkedHashSet<>(), rules));
        return PackagePlan.of(packageName, analysis, plan);
    }

    /**
     * Starts the plan's job with the token of the person the policy runs as: tags first, then deletions, exactly as a
     * confirmed manual cleanup.
     *
     * @return the job's id, or empty when the plan changes nothing
     */
    public Optional<String> start(SignedInUser runAs, Owner owner, PackagePlan packagePlan, String policyName) {
        DeletePlan plan = packagePlan.plan();
        if (plan.empty()) {
            return Optional.empty();
        }
        String jobId = jobs.create(JobKind.DELETE, runAs.login(), owner, packagePlan.packageName(), plan.jobItems(),
                vault.seal(runAs.token()), policyName);
        analyzer.invalidate(owner.login(), packagePlan.packageName());
        return Optional.of(jobId);
    }

    /**
     * One package's plan with the figures a policy reports.
     *
     * @param versionsTotal versions of the package when it was planned
     * @param packageBytes compressed size of every version whose size is known
     * @param complete whether every manifest was read (until then the planner is cautious)
     * @param removesEveryTaggedImage whether the package has tagged images and the plan deletes or untags all of them
     */
    public record PackagePlan(String packageName, DeletePlan plan, int versionsTotal, long packageBytes, boolean complete,
                              boolean removesEveryTaggedImage) {

        static PackagePlan of(String packageName, PackageAnalysis analysis, DeletePlan plan) {
            List<VersionNode> tagged = analysis.graph().roots().stream().filter(VersionNode::tagged).toList();
            var deleted = new HashSet<>(plan.versionIdsInOrder());
            var losingEveryTag = new HashSet<Long>();
            plan.toUntag().stream().filter(untag -> untag.remaining().isEmpty()).forEach(untag -> losingEveryTag.add(untag.node().id()));
            boolean everyTagged = !tagged.isEmpty() && tagged.stream()
                    .allMatch(root -> deleted.contains(root.id()) || losingEveryTag.contains(root.id()));
            long bytes = analysis.graph().nodes().stream().filter(VersionNode::sizeKnown).mapToLong(VersionNode::compressedSize).sum();
            return new PackagePlan(packageName, plan, analysis.graph().size(), bytes, analysis.complete(), everyTagged);
        }

        public int versionsDeleted() {
            return plan.toDelete().size();
        }

        public int tagsRemoved() {
            return plan.tagsRemoved();
        }

        public long reclaimedBytes() {
            return plan.reclaimedBytes();
        }

        public int kept() {
            return plan.kept().size();
        }

        public boolean empty() {
            return plan.empty();
        }

        /** The share of the package's versions the plan deletes, in percent (rounded up, so 1 of 3 is 34). */
        public int sharePercent() {
            return versionsTotal == 0 ? 0 : (int) ((100L * versionsDeleted() + versionsTotal - 1) / versionsTotal);
        }

        /** What the plan deletes (in order) and untags, for a dry run's report. */
        public List<ReportLine> report() {
            List<ReportLine> lines = new ArrayList<>();
            plan.toUntag().forEach(untag -> lines.add(new ReportLine("untag", untag.node().id(), untag.node().digest(), untag.removed(),
                    untag.explanation())));
            plan.toDelete().forEach(item -> lines.add(new ReportLine("delete", item.node().id(), item.node().digest(), item.node().tags(),
                    item.explanation())));
            return lines;
        }
    }

    /** One version a plan changes: {@code action} is {@code delete} or {@code untag} (then {@code tags} are the removed ones). */
    public record ReportLine(String action, long versionId, String digest, List<String> tags, String why) {

        public ReportLine {
            tags = List.copyOf(tags);
        }
    }
}
