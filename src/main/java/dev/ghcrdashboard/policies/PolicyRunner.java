package dev.ghcrdashboard.policies;

import java.util.Locale;
import dev.ghcrdashboard.cleanup.JobEnded;
import org.springframework.context.event.EventListener;
import org.springframework.context.ApplicationEventPublisher;
import dev.ghcrdashboard.cleanup.RulePlans;
import dev.ghcrdashboard.common.Sizes;
import dev.ghcrdashboard.github.ContainerPackage;
import dev.ghcrdashboard.github.GitHubClient;
import dev.ghcrdashboard.github.GitHubException;
import dev.ghcrdashboard.github.GitHubUnauthorizedException;
import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.notifications.Notification;
import dev.ghcrdashboard.notifications.Notifications;
import dev.ghcrdashboard.owners.OwnerAccess;
import dev.ghcrdashboard.owners.OwnerDirectory;
import dev.ghcrdashboard.secrets.TokenVault;
import dev.ghcrdashboard.security.SignedInUser;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Carries out runs in the background, one at a time per instance: checks that the person the policy runs as still
 * administers the owner with a token GitHub accepts, plans every covered package afresh, and then reports (dry run)
 * or starts a cleanup job per package (act). An act plan that deletes more than the policy's share of a package is
 * held for an admin's approval instead. The outcome goes to the owner's webhooks; sending only queues a delivery,
 * so a failing receiver never holds a run up.
 */
@Component
record PolicyRunner(PolicyStore policies, PolicyRuns runs, RulePlans plans, GitHubClient gitHub, OwnerDirectory owners,
                    TokenVault vault, Notifications notifications, ApplicationEventPublisher events, Clock clock,
                    RunWorker worker) implements PolicyScheduler.RunStarter {

    static final String DELETE_SCOPE = "delete:packages";
    static final String WRITE_SCOPE = "write:packages";
    private static final Logger log = LoggerFactory.getLogger(PolicyRunner.class);

    /** Records a run as started and carries it out in the background; answers its id at once. */
    @Override
    public long start(RetentionPolicy policy, String cause, String startedBy) {
        long runId = runs.start(policy.id(), cause, policy.mode(), startedBy, clock.instant());
        worker.submit(() -> {
            try {
                execute(policy.id(), runId);
            } catch (RuntimeException e) {
                log.error("Run {} of policy {} hit an unexpected problem", runId, policy.id(), e);
                fail(policy, runId, "The run hit an unexpected problem (" + e.getClass().getSimpleName() + "); see the dashboard's log.");
            }
        });
        return runId;
    }

    private void execute(long policyId, long runId) {
        Optional<RetentionPolicy> found = policies.find(policyId);
        if (found.isEmpty()) {
            return; // removed meanwhile; its runs went with it
        }
        RetentionPolicy policy = found.get();
        Optional<SignedInUser> runAs = policies.sealedToken(policyId).flatMap(vault::open)
                .map(token -> new SignedInUser(policy.runAs(), token, policy.runAsScopes()));
        if (runAs.isEmpty()) {
            fail(policy, runId, "The stored GitHub token of " + policy.runAs() + " can no longer be opened (the secret key"
                    + " changed); an admin must save the policy again.");
            return;
        }
        try {
            Optional<String> refusal = refusal(policy, runAs.get());
            if (refusal.isPresent()) {
                fail(policy, runId, refusal.get());
                return;
            }
            Owner owner = owners.find(runAs.get(), policy.owner()).orElseThrow();
            List<String> covered;
            try {
                covered = covered(policy, owner, runAs.get());
            } catch (GitHubUnauthorizedException revoked) {
                throw revoked;
            } catch (GitHubException failed) {
                fail(policy, runId, "Could not list the packages of " + policy.owner() + ": " + failed.getMessage());
                return;
            }
            if (covered.isEmpty()) {
                finish(policy, runId, "The policy covers no package of " + policy.owner() + " at the moment.");
                return;
            }
            for (String packageName : covered) {
                planPackage(policy, runId, owner, runAs.get(), packageName);
            }
        } catch (GitHubUnauthorizedException revoked) {
            fail(policy, runId, "GitHub no longer accepts the token of " + policy.runAs() + " (revoked, or the OAuth App's"
                    + " access was removed); an admin must save the policy again to run it with their token.");
            return;
        }
        conclude(policy, runId);
    }

    /**
     * Why the person the policy runs as may not run it now; empty when they may. Their role is read from GitHub now,
     * not from the role cache: the run acts in their name while they are away.
     */
    private Optional<String> refusal(RetentionPolicy policy, SignedInUser runAs) {
        Optional<OwnerAccess> access = owners.accessNow(runAs, policy.owner());
        if (access.isEmpty()) {
            return Optional.of(policy.runAs() + ", whose token runs this policy, is no longer a member of " + policy.owner()
                    + "; an admin must save the policy again.");
        }
        if (!access.get().admin()) {
            return Optional.of(policy.runAs() + ", whose token runs this policy, is no longer an admin of " + policy.owner()
                    + "; an admin must save the policy again.");
        }
        if (policy.acts() && !runAs.hasScope(DELETE_SCOPE)) {
            return Optional.of("The token of " + policy.runAs() + " was not granted delete:packages; switch the policy to act again.");
        }
        return Optional.empty();
    }

    private List<String> covered(RetentionPolicy policy, Owner owner, SignedInUser runAs) {
        if (policy.scope().kind() == PolicyScope.Kind.PACKAGE) {
            return List.of(policy.scope().value());
        }
        return gitHub.packages(owner, runAs.token()).stream().map(ContainerPackage::name).filter(policy.scope()::covers).sorted().toList();
    }

    private void planPackage(RetentionPolicy policy, long runId, Owner owner, SignedInUser runAs, String packageName) {
        RulePlans.PackagePlan plan;
        try {
            plan = plans.planFromCurrentListing(runAs, owner, packageName, policy.groups());
        } catch (GitHubUnauthorizedException revoked) {
            throw revoked; // the whole run fails, not one package
        } catch (RuntimeException failed) {
            runs.recordFailure(runId, packageName, "Could not plan: " + failed.getMessage(), clock.instant());
            return;
        }
        if (!policy.acts()) {
            runs.recordPackage(runId, plan, RunPackage.Status.REPORTED, null, null, clock.instant());
            runs.recordItems(runId, packageName, plan.report());
            return;
        }
        if (plan.empty()) {
            runs.recordPackage(runId, plan, RunPackage.Status.NOTHING_TO_DO, null, null, clock.instant());
        } else if (plan.sharePercent() > policy.shareThreshold()) {
            runs.recordPackage(runId, plan, RunPackage.Status.WAITING_FOR_APPROVAL, null, "The plan deletes " + plan.versionsDeleted()
                    + " of " + plan.versionsTotal() + " versions (" + plan.sharePercent() + "%), more than the policy's "
                    + policy.shareThreshold() + "%.", clock.instant());
            runs.recordItems(runId, packageName, plan.report());
        } else {
            startJob(policy, runId, owner, runAs, plan, false);
        }
    }

    private void startJob(RetentionPolicy policy, long runId, Owner owner, SignedInUser runAs, RulePlans.PackagePlan plan, boolean approved) {
        if (plan.tagsRemoved() > 0 && !runAs.hasScope(WRITE_SCOPE)) {
            String message = "Removing tags needs write:packages, which the token of " + policy.runAs() + " was not granted.";
            if (approved) {
                runs.decide(runId, plan.packageName(), plan, RunPackage.Status.FAILED, null, message);
            } else {
                runs.recordPackage(runId, plan, RunPackage.Status.FAILED, null, message, clock.instant());
            }
            return;
        }
        String jobId = plans.start(runAs, owner, plan, policy.name()).orElse(null);
        RunPackage.Status status = jobId == null ? RunPackage.Status.NOTHING_TO_DO : RunPackage.Status.STARTED;
        if (approved) {
            runs.decide(runId, plan.packageName(), plan, status, jobId, null);
        } else {
            runs.recordPackage(runId, plan, status, jobId, null, clock.instant());
        }
    }

    /**
     * An admin approved a package held above the share: it is planned again (something may have changed) and its job
     * started with the policy's token. A plan that grew since it was held stays held, with its new figures.
     *
     * @return what became of it, as a sentence for the run page
     */
    String approve(RetentionPolicy policy, PolicyRun run, String packageName, String approvedBy) {
        RunPackage held = runs.packages(run.id()).stream()
                .filter(p -> p.packageName().equals(packageName) && p.status() == RunPackage.Status.WAITING_FOR_APPROVAL)
                .findFirst().orElse(null);
        if (held == null) {
            return packageName + " is not waiting for approval in this run.";
        }
        SignedInUser runAs = policies.sealedToken(policy.id()).flatMap(vault::open)
                .map(token -> new SignedInUser(policy.runAs(), token, policy.runAsScopes())).orElse(null);
        if (runAs == null) {
            return "The policy's stored token can no longer be opened; save the policy again.";
        }
        Optional<String> refusal = refusal(policy, runAs);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        Owner owner = owners.find(runAs, policy.owner()).orElseThrow();
        RulePlans.PackagePlan plan = plans.planFromCurrentListing(runAs, owner, packageName, policy.groups());
        if (plan.versionsDeleted() > held.versionsDeleted()) {
            runs.decide(run.id(), packageName, plan, RunPackage.Status.WAITING_FOR_APPROVAL, null, "The plan grew since it was held: it"
                    + " now deletes " + plan.versionsDeleted() + " of " + plan.versionsTotal() + " versions. Check it and approve again.");
            return "The plan for " + packageName + " grew since it was held; check the new figures and approve again.";
        }
        startJob(policy, run.id(), owner, runAs, plan, true);
        log.info("Run {} of policy {}: {} approved {}", run.id(), policy.id(), approvedBy, packageName);
        events.publishEvent(new PolicyChanged(approvedBy, policy.owner(), policy.id(), policy.name(), PolicyChanged.Change.RUN_APPROVED,
                packageName, clock.instant()));
        conclude(policy, run.id());
        return "Approved: the cleanup of " + packageName + " started.";
    }

    String skip(RetentionPolicy policy, PolicyRun run, String packageName, String skippedBy) {
        if (!runs.skip(run.id(), packageName, "skipped by " + skippedBy)) {
            return packageName + " is not waiting for approval in this run.";
        }
        events.publishEvent(new PolicyChanged(skippedBy, policy.owner(), policy.id(), policy.name(), PolicyChanged.Change.RUN_SKIPPED,
                packageName, clock.instant()));
        conclude(policy, run.id());
        return "Skipped " + packageName + ": nothing of it was deleted.";
    }

    /** Ends the run, or holds it while a package waits for approval; tells the webhooks either way. */
    private void conclude(RetentionPolicy policy, long runId) {
        List<RunPackage> packages = runs.packages(runId);
        long waiting = packages.stream().filter(p -> p.status() == RunPackage.Status.WAITING_FOR_APPROVAL).count();
        long failed = packages.stream().filter(p -> p.status() == RunPackage.Status.FAILED).count();
        if (waiting > 0) {
            String reason = waiting + (waiting == 1 ? " package waits" : " packages wait") + " for an admin's approval: the plan deletes more"
                    + " than " + policy.shareThreshold() + "% of its versions.";
            runs.end(runId, PolicyRun.Status.WAITING_FOR_APPROVAL, reason, clock.instant());
            notify(policy, runId, "policy.run.waiting", "Policy " + policy.name() + " of " + policy.owner() + " stopped to ask", reason, packages);
            return;
        }
        if (failed == packages.size()) {
            fail(policy, runId, "No covered package could be planned: " + packages.get(0).message());
            return;
        }
        String note = failed == 0 ? null : failed + " of " + packages.size() + " packages could not be planned; see below.";
        if (packages.stream().anyMatch(p -> p.status() == RunPackage.Status.STARTED)) {
            // The run ends with its last cleanup job (jobEnded), reporting what GitHub carried out, not the plan.
            runs.end(runId, PolicyRun.Status.CLEANING_UP, note, clock.instant());
            finishIfCleanedUp(policy, runId, note);
            return;
        }
        finish(policy, runId, note);
    }

    /**
     * Follows the cleanup jobs act runs start: the package records what its job carried out, and the run finishes, and
     * says so once, when its last job has ended. A failure here must not disturb the job runner that publishes this.
     */
    @EventListener
    void jobEnded(JobEnded ended) {
        if (ended.policyName() == null) {
            return;
        }
        try {
            String message = (ended.cancelled() ? "Cancelled after " : "GitHub carried out ") + ended.done() + " of "
                    + (ended.done() + ended.notDone()) + (ended.done() + ended.notDone() == 1 ? " item" : " items")
                    + (ended.notDone() == 0 ? "." : "; " + ended.notDone() + " refused, failed or cancelled: see the job.");
            runs.jobEnded(ended.jobId(), message).ifPresent(runId -> runs.policyOf(runId)
                    .flatMap(policyId -> policies.find(ended.owner(), policyId))
                    .ifPresent(policy -> finishIfCleanedUp(policy, runId, null)));
        } catch (RuntimeException e) {
            log.warn("The end of job {} could not be recorded in its policy run", ended.jobId(), e);
        }
    }

    private void finishIfCleanedUp(RetentionPolicy policy, long runId, String note) {
        if (!runs.finishCleanedUp(runId, note, clock.instant())) {
            return;
        }
        List<RunPackage> packages = runs.packages(runId);
        String text = "Cleanup finished in " + packages.size() + (packages.size() == 1 ? " package: " : " packages: ")
                + String.join(" ", packages.stream().map(p -> p.packageName() + ": " + (p.message() == null ? p.status().label() : p.message()))
                        .toList()) + (note == null ? "" : " " + note);
        notify(policy, runId, "policy.run.finished", "Policy " + policy.name() + " of " + policy.owner() + " finished", text, packages);
    }

    private void finish(RetentionPolicy policy, long runId, String note) {
        runs.end(runId, PolicyRun.Status.FINISHED, note, clock.instant());
        List<RunPackage> packages = runs.packages(runId);
        int versions = packages.stream().mapToInt(RunPackage::versionsDeleted).sum();
        long bytes = packages.stream().mapToLong(RunPackage::reclaimedBytes).sum();
        String text = (policy.acts() ? "Nothing was deleted in " + packages.size() + (packages.size() == 1 ? " package: " : " packages: ")
                + String.join(", ", packages.stream().map(p -> p.packageName() + " " + p.status().label().toLowerCase(Locale.ROOT)).toList()) + "."
                : "Dry run: " + versions + " versions (" + Sizes.human(bytes) + ") would be deleted in " + packages.size()
                + (packages.size() == 1 ? " package." : " packages.")) + (note == null ? "" : " " + note);
        notify(policy, runId, "policy.run.finished", "Policy " + policy.name() + " of " + policy.owner() + " finished", text, packages);
    }

    private void fail(RetentionPolicy policy, long runId, String reason) {
        runs.end(runId, PolicyRun.Status.FAILED, reason, clock.instant());
        notify(policy, runId, "policy.run.failed", "Policy " + policy.name() + " of " + policy.owner() + " failed", reason, runs.packages(runId));
    }

    private void notify(RetentionPolicy policy, long runId, String event, String title, String text, List<RunPackage> packages) {
        try {
            notifications.send(new Notification(event, policy.owner(), policy.id(), title, text, PolicyPaths.run(policy.owner(), policy.id(), runId),
                    Map.of("policy", policy.name(), "run", runId, "mode", policy.mode().name(),
                            "packages", packages.stream().map(p -> Map.<String, Object>of("package", p.packageName(), "status", p.status().name(),
                                    "versionsDeleted", p.versionsDeleted(), "reclaimedBytes", p.reclaimedBytes())).toList()),
                    clock.instant()));
        } catch (RuntimeException e) {
            // A notification that cannot even be queued must not change the run's outcome.
            log.warn("Run {} of policy {}: the notification could not be queued", runId, policy.id(), e);
        }
    }
}
