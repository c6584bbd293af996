package dev.ghcrdashboard.cleanup;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.ghcrdashboard.caching.CacheStatistics;
import dev.ghcrdashboard.github.AccessToken;
import dev.ghcrdashboard.github.GitHubClient;
import dev.ghcrdashboard.github.GitHubException;
import dev.ghcrdashboard.github.GitHubMissingScopeException;
import dev.ghcrdashboard.github.GitHubNotFoundException;
import dev.ghcrdashboard.github.GitHubRateLimitedException;
import dev.ghcrdashboard.github.GitHubUnauthorizedException;
import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.github.VersionState;
import dev.ghcrdashboard.packages.PackageAnalyzer;
import dev.ghcrdashboard.secrets.TokenVault;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs persisted jobs in the background, one at a time per instance: deletes, restores and tag actions. Each item's
 * state is written before the GitHub or registry call (IN_FLIGHT) and after it, so a job taken over after a
 * crash or restart retries only the item that was in flight and never repeats a finished one; a tag item looks
 * where its tag points before acting, so repeating it is safe ({@link TagOperations}).
 * Calls are paced by a token bucket per person, below GitHub's secondary limit.
 *
 * <p>While a job runs, a separate thread renews its lease every third of the lease time, also while a
 * call waits out GitHub's secondary limit (up to {@code max-secondary-wait}, longer than the lease). An
 * instance that dies stops renewing, and another takes the job over once the lease has run out. An item's
 * outcome is written only while this instance still holds the lease, in the same transaction as its audit
 * entry, so a job that was taken over never gets an outcome from two instances.
 */
@Component
class JobRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    /**
     * What GitHub's 404 to a delete or a restore means, found out by listing the version where it was. Still there:
     * GitHub refused (it answers 404 also when the token may read but not change the package: not its admin). Gone:
     * done, by the call before a restart when this is a retry, or by someone else.
     */
    private record NotFoundMeaning(VersionState stillListedIn, ItemOutcome refused, ItemOutcome doneBeforeRestart,
                                   ItemOutcome gone) {
    }

    private static final NotFoundMeaning DELETE_NOT_FOUND = new NotFoundMeaning(VersionState.ACTIVE,
            new ItemOutcome(ItemState.FAILED, "GitHub answered 404, yet the version is still there:"
                    + " your account may lack admin rights on this package"),
            new ItemOutcome(ItemState.DELETED, "deleted (the call before the restart went through)"),
            new ItemOutcome(ItemState.ALREADY_DONE, "already gone: GitHub answered 404"));
    private static final NotFoundMeaning RESTORE_NOT_FOUND = new NotFoundMeaning(VersionState.DELETED,
            new ItemOutcome(ItemState.REFUSED, "GitHub answered 404, yet the version is still in the trash:"
                    + " your account may lack admin rights on this package"),
            new ItemOutcome(ItemState.RESTORED, "restored (the call before the restart went through)"),
            new ItemOutcome(ItemState.FAILED, "not in the trash any more: restored already, or deleted more than 30 days ago"));

    private final Jobs jobs;
    private final TokenVault vault;
    private final GitHubClient gitHub;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final PackageAnalyzer analyzer;
    private final JobChecks checks;
    private final TagOperations tags;
    private final CleanupProperties properties;
    private final Clock clock;
    /** One pacer per person: GitHub's secondary limit counts per user, across all their jobs. */
    private final Cache<String, CallPacer> pacers;
    private final JobMetrics metrics;
    private final String instanceName;
    private volatile String instanceId;
    private volatile boolean running;
    private ExecutorService loop;
    private ScheduledExecutorService leaseKeeper;

    JobRunner(Jobs jobs, TokenVault vault, GitHubClient gitHub, ApplicationEventPublisher events,
              PlatformTransactionManager transactionManager, PackageAnalyzer analyzer, JobChecks checks, TagOperations tags,
              CleanupProperties properties, CacheStatistics caches, JobMetrics metrics, Clock clock,
              @Value("${ghcr-dashboard.instance-name:}") String instanceName) {
        this.jobs = jobs;
        this.vault = vault;
        this.gitHub = gitHub;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
        this.analyzer = analyzer;
        this.checks = checks;
        this.tags = tags;
        this.properties = properties;
        this.clock = clock;
        this.metrics = metrics;
        this.instanceName = instanceName.isBlank() ? "instance" : instanceName.strip();
        this.instanceId = newInstanceId();
        this.pacers = caches.register("cleanup.call-pacers", Caffeine.newBuilder()
                // A pacer left alone for a period has refilled its whole burst, so a new one would behave the
                // same: dropping it loses nothing. It is looked up for every call, so it never expires in use.
                .expireAfterAccess(properties.period())
                .recordStats()
                .build());
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        instanceId = newInstanceId();
        loop = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cleanup-jobs");
            thread.setDaemon(true);
            return thread;
        });
        leaseKeeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cleanup-job-lease");
            thread.setDaemon(true);
            return thread;
        });
        loop.submit(this::poll);
    }

    /**
     * The lease owner written into a claimed job: the configured instance name (so an operator can tell which
     * instance runs a job) and a random part, so two processes never share one, not even a restarted one.
     */
    private String newInstanceId() {
        String name = instanceName.length() > 27 ? instanceName.substring(0, 27) : instanceName;
        return name + ":" + UUID.randomUUID();
    }

    /**
     * Stops at once, as a crash would: the item in flight stays IN_FLIGHT and the lease runs out,
     * so another instance (or this one, started again) takes the job over.
     */
    @Override
    public synchronized void stop() {
        running = false;
        if (leaseKeeper != null) {
            leaseKeeper.shutdownNow();
            leaseKeeper = null;
        }
        if (loop != null) {
            loop.shutdownNow();
            try {
                loop.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            loop = null;
        }
    }

    /** An instance with {@code runner-enabled: false} serves pages only; another instance runs the jobs. */
    @Override
    public boolean isAutoStartup() {
        return properties.runnerEnabled();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void poll() {
        while (running && !Thread.currentThread().isInterrupted()) {
            try {
                Optional<Job> job = jobs.claimNext(instanceId, properties.lease());
                if (job.isPresent()) {
                    run(job.get());
                } else {
                    Thread.sleep(properties.pollInterval().toMillis());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.error("Cleanup job runner hit an unexpected problem; trying again shortly", e);
                try {
                    Thread.sleep(properties.pollInterval().toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void run(Job job) throws InterruptedException {
        Lease lease = new Lease(job.id());
        var renewal = leaseKeeper.scheduleWithFixedDelay(lease::renew, properties.lease().toMillis() / 3,
                properties.lease().toMillis() / 3, TimeUnit.MILLISECONDS);
        try {
            run(job, lease);
        } finally {
            renewal.cancel(false);
        }
    }

    /** This instance's hold on one job, renewed from the lease thread while the job runs. */
    private final class Lease {
        private final String jobId;
        private volatile boolean lost;

        Lease(String jobId) {
            this.jobId = jobId;
        }

        void renew() {
            try {
                if (!lost && !jobs.heartbeat(jobId, instanceId, properties.lease())) {
                    // Also when the job ended here a moment before this renewal was cancelled: the job loop says which.
                    lost = true;
                    log.info("Job {}: this instance no longer holds its lease", jobId);
                }
            } catch (RuntimeException e) {
                // The database did not answer this time; the next renewal, a third of the lease later, tries again.
                log.warn("Could not renew the lease of job {}: {}", jobId, e.getClass().getSimpleName());
            }
        }

        boolean held() {
            return !lost;
        }
    }

    private void run(Job job, Lease lease) throws InterruptedException {
        Optional<AccessToken> token = jobs.sealedToken(job.id()).flatMap(vault::open);
        if (token.isEmpty()) {
            log.info("Job {} has no usable token; waiting for {} to sign in again", job.id(), job.actor());
            jobs.waitForSignIn(job.id());
            return;
        }
        Owner owner = job.ownerRef();
        for (JobItem item : jobs.items(job.id())) {
            if (item.state().finished()) {
                continue;
            }
            if (!running) {
                return;
            }
            if (jobs.cancelRequested(job.id())) {
                jobs.cancelRemaining(job.id());
                end(job, token.get(), JobStatus.CANCELLED);
                return;
            }
            if (!lease.held() || !jobs.heartbeat(job.id(), instanceId, properties.lease())) {
                log.warn("Job {} was taken over by another instance; stopping here", job.id());
                return;
            }
            long started = System.nanoTime();
            boolean retried = item.state() == ItemState.IN_FLIGHT;
            ItemOutcome outcome;
            while (true) {
                pacers.get(job.actor(), actor -> new CallPacer(properties.callsPerPeriod(), properties.period())).acquire();
                jobs.markItem(job.id(), item.seq(), ItemState.IN_FLIGHT, null);
                try {
                    outcome = call(job, owner, item, token.get(), retried);
                    break;
                } catch (GitHubRateLimitedException limited) {
                    // Nothing happened on GitHub's side: the item waits, the lease is kept alive.
                    jobs.markItem(job.id(), item.seq(), retried ? ItemState.IN_FLIGHT : ItemState.PENDING, null);
                    waitUntil(job, limited.resetAt());
                } catch (GitHubUnauthorizedException | GitHubMissingScopeException noLongerAllowed) {
                    jobs.markItem(job.id(), item.seq(), retried ? ItemState.IN_FLIGHT : ItemState.PENDING, null);
                    log.info("Job {}: GitHub no longer accepts the token of {}; waiting for a new sign-in", job.id(), job.actor());
                    jobs.waitForSignIn(job.id());
                    return;
                } catch (RuntimeException interruptedOrBroken) {
                    if (!running || Thread.currentThread().isInterrupted()) {
                        return; // stopped mid-call: the item stays IN_FLIGHT and is retried on resume
                    }
                    throw interruptedOrBroken;
                }
            }
            ItemOutcome ended = outcome;
            boolean recorded = Boolean.TRUE.equals(transactions.execute(status -> {
                if (!jobs.endItemWhileLeased(job.id(), item.seq(), instanceId, ended.state(), ended.message())) {
                    return false; // taken over meanwhile: the new owner retries the item and records it once
                }
                events.publishEvent(new JobItemEnded(job.id(), item.action(), job.actor(), job.owner(), job.packageName(),
                        item.versionId(), item.digest(), item.auditedTags(), ended.state(), ended.message(), clock.instant(),
                        job.policyName()));
                return true;
            }));
            if (!recorded) {
                log.warn("Job {} was taken over by another instance before item {} was recorded; stopping here", job.id(), item.seq());
                return;
            }
            metrics.itemEnded(item.action(), ended.state(), System.nanoTime() - started);
        }
        end(job, token.get(), jobs.cancelRequested(job.id()) ? JobStatus.CANCELLED : JobStatus.FINISHED);
    }

    private ItemOutcome call(Job job, Owner owner, JobItem item, AccessToken token, boolean retried) throws InterruptedException {
        if (item.action().changesATag()) {
            return tags.run(job, item, token, retried);
        }
        try {
            if (item.action() == JobKind.DELETE) {
                gitHub.deleteVersion(owner, job.packageName(), item.versionId(), token);
                return new ItemOutcome(ItemState.DELETED, null);
            }
            gitHub.restoreVersion(owner, job.packageName(), item.versionId(), token);
            return new ItemOutcome(ItemState.RESTORED, null);
        } catch (GitHubNotFoundException notFound) {
            NotFoundMeaning meaning = item.action() == JobKind.DELETE ? DELETE_NOT_FOUND : RESTORE_NOT_FOUND;
            if (stillListed(meaning.stillListedIn(), job, owner, item, token)) {
                return meaning.refused();
            }
            return retried ? meaning.doneBeforeRestart() : meaning.gone();
        } catch (GitHubException failed) {
            return ItemOutcome.ofGitHubFailure(failed);
        }
    }

    /**
     * Asks GitHub whether the version is still listed among the package's active versions, or its deleted (restorable)
     * ones; a repeated listing is mostly answered 304, at no cost.
     */
    private boolean stillListed(VersionState state, Job job, Owner owner, JobItem item, AccessToken token) {
        try {
            return gitHub.versions(owner, job.packageName(), state, token).stream()
                    .anyMatch(version -> version.id() == item.versionId());
        } catch (GitHubNotFoundException packageGone) {
            return false;
        }
    }

    private void waitUntil(Job job, Instant resetAt) throws InterruptedException {
        log.info("Job {}: GitHub's rate limit is spent; waiting until {}", job.id(), resetAt);
        while (running && clock.instant().isBefore(resetAt)) {
            long millis = Math.min(Duration.between(clock.instant(), resetAt).toMillis() + 1, properties.lease().toMillis() / 3);
            Thread.sleep(Math.max(1, millis));
            if (!jobs.heartbeat(job.id(), instanceId, properties.lease())) {
                throw new InterruptedException("lease lost");
            }
        }
    }

    private void end(Job job, AccessToken token, JobStatus status) {
        List<String> report = new ArrayList<>();
        analyzer.invalidate(job.owner(), job.packageName());
        List<JobItem> items = jobs.items(job.id());
        try {
            report.addAll(checks.afterJob(job, items, token));
        } catch (RuntimeException e) {
            log.warn("Job {}: the check after the job failed", job.id(), e);
            report.add("The integrity check after the job could not run: " + e.getMessage());
        }
        jobs.finish(job.id(), status, report);
        log.info("Job {} ({} of {}/{}) ended: {}", job.id(), job.kind(), job.owner(), job.packageName(), status);
        int done = (int) items.stream().filter(item -> item.state().finished() && item.state() != ItemState.REFUSED
                && item.state() != ItemState.FAILED && item.state() != ItemState.CANCELLED).count();
        events.publishEvent(new JobEnded(job.id(), job.owner(), job.packageName(), job.policyName(), status == JobStatus.CANCELLED,
                done, items.size() - done, clock.instant()));
    }
}
