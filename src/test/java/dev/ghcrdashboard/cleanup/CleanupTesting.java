package dev.ghcrdashboard.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.audit.AuditAction;
import dev.ghcrdashboard.audit.AuditEntry;
import dev.ghcrdashboard.audit.AuditLog;
import dev.ghcrdashboard.audit.AuditQuery;
import dev.ghcrdashboard.github.AccessToken;
import dev.ghcrdashboard.packages.PackageAnalysis;
import dev.ghcrdashboard.packages.VersionNode;
import dev.ghcrdashboard.security.SignedInUser;
import dev.ghcrdashboard.simulator.RecordedExchange;
import dev.ghcrdashboard.simulator.Simulator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Shared set-up and assertions of the cleanup tests. */
final class CleanupTesting {

    static final SignedInUser OCTOCAT = new SignedInUser("octocat", new AccessToken("ghp_demo_octocat_all"),
            Set.of("read:packages", "write:packages", "delete:packages", "read:org"));

    private CleanupTesting() {
    }

    static CleanupForm pick(long... ids) {
        return CleanupForm.picking(java.util.Arrays.stream(ids).boxed().toList());
    }

    /** A form with one rule group. */
    static CleanupForm rules(boolean orphans, String olderThan, String tagPattern, String tagSyntax, String tagMode, String keepNewest) {
        return CleanupForm.rules(new RuleGroupForm(orphans, olderThan, tagPattern, tagSyntax, tagMode, keepNewest, null, false));
    }

    static VersionNode tagged(PackageAnalysis analysis, String tag) {
        return analysis.graph().nodes().stream().filter(node -> node.tags().contains(tag)).findFirst()
                .orElseThrow(() -> new AssertionError("no version tagged " + tag));
    }

    /** Waits (bounded, not timed for pass/fail) until the job has ended. */
    static Job awaitEnd(CleanupService cleanup, String jobId) throws InterruptedException {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(giveUp)) {
            Job job = cleanup.job(jobId).orElseThrow();
            if (job.status().ended()) {
                return job;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job " + jobId + " did not end; items: " + cleanup.items(jobId));
    }

    static List<AuditEntry> audit(AuditLog log, Job job) {
        List<AuditEntry> all = new java.util.ArrayList<>();
        for (int page = 1; ; page++) {
            var found = log.search(new AuditQuery(job.owner(), job.packageName(), null, null, null, null, page, AuditQuery.MAX_SIZE));
            all.addAll(found.entries());
            if (found.entries().size() < AuditQuery.MAX_SIZE) {
                break;
            }
        }
        return all.stream().filter(entry -> job.id().equals(entry.jobId())).toList();
    }

    /** Every item of the job has exactly one audit entry with its action, digest, tags (the one tag of a tag action) and actor. */
    static void assertAudited(AuditLog log, CleanupService cleanup, Job job) {
        List<AuditEntry> entries = audit(log, job);
        List<JobItem> attempted = cleanup.items(job.id()).stream().filter(item -> item.state() != ItemState.CANCELLED).toList();
        assertThat(entries).hasSize(attempted.size());
        for (JobItem item : attempted) {
            assertThat(entries).anySatisfy(entry -> {
                assertThat(entry.versionId()).isEqualTo(item.versionId());
                assertThat(entry.digest()).isEqualTo(item.digest());
                assertThat(entry.tags()).isEqualTo(item.action().changesATag() ? List.of(item.tag()) : item.tags());
                assertThat(entry.actor()).isEqualTo(job.actor());
                assertThat(entry.owner()).isEqualTo(job.owner());
                assertThat(entry.packageName()).isEqualTo(job.packageName());
                assertThat(entry.action()).isEqualTo(switch (item.action()) {
                    case DELETE -> AuditAction.DELETE_VERSION;
                    case RESTORE -> AuditAction.RESTORE_VERSION;
                    case ADD_TAG -> AuditAction.ADD_TAG;
                    case MOVE_TAG -> AuditAction.MOVE_TAG;
                    case REMOVE_TAG -> AuditAction.REMOVE_TAG;
                });
            });
        }
    }

    /** Counts successful DELETEs per REST path: a version deleted twice would show a 2. */
    static final class DeleteCounter {
        final Map<String, AtomicLong> accepted = new ConcurrentHashMap<>();
        final Map<String, AtomicLong> sent = new ConcurrentHashMap<>();

        DeleteCounter(Simulator simulator) {
            simulator.control().addExchangeListener(this::see);
        }

        private void see(RecordedExchange exchange) {
            if (exchange.method().equals("DELETE")) {
                sent.computeIfAbsent(exchange.path(), path -> new AtomicLong()).incrementAndGet();
                if (exchange.status() == 204) {
                    accepted.computeIfAbsent(exchange.path(), path -> new AtomicLong()).incrementAndGet();
                }
            }
        }
    }
}
