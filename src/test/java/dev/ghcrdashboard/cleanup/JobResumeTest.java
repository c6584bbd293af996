package dev.ghcrdashboard.cleanup;

import static dev.ghcrdashboard.cleanup.CleanupTesting.OCTOCAT;
import static dev.ghcrdashboard.cleanup.CleanupTesting.assertAudited;
import static dev.ghcrdashboard.cleanup.CleanupTesting.awaitEnd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.simulator.FaultRule;
import dev.ghcrdashboard.simulator.SimulatedVersion;
import dev.ghcrdashboard.support.FastJobs;
import dev.ghcrdashboard.support.SimulatorBackedTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A job survives its runner: stopped mid-call (as a crash or restart would), it is taken over once
 * the lease runs out, nothing is deleted twice and every outcome is recorded. A token that cannot be
 * decrypted makes the job wait for its person, who resumes it by signing in.
 */
@SimulatorBackedTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@FastJobs
class JobResumeTest extends SimulatedCleanupTest {

    @Autowired
    DataSource dataSource;
    @Autowired
    Jobs jobs;
    @Value("${ghcr-dashboard.data-dir}")
    Path dataDir;

    @Test
    void aJobStoppedMidCallResumesWithoutDeletingAnythingTwiceOrLosingAnOutcome() throws Exception {
        CleanupTesting.DeleteCounter deletes = new CleanupTesting.DeleteCounter(github);
        // Every delete takes a while, so stopping the runner lands in the middle of a call.
        github.control().addFault(FaultRule.delay("DELETE", "/packages/container/base/versions/", Duration.ofMillis(120)));
        CleanupService.Preview preview = cleanup.preview(OCTOCAT, acme, "base",
                CleanupTesting.rules(false, "0", "", "glob", "matching", "25"));
        List<Long> planned = preview.plan().versionIdsInOrder();
        assertThat(planned).hasSize(45);
        String jobId = ((CleanupService.Started) cleanup.confirm(OCTOCAT, acme, preview.id(), "base")).jobId();

        String sealed = jdbc().sql("SELECT encrypted_token FROM cleanup_job WHERE id = ?").param(jobId).query(String.class).single();
        assertThat(sealed).isNotBlank().doesNotContain(OCTOCAT.token().value());

        waitForFinishedItems(jobId, 10);
        runner.stop();
        List<JobItem> atStop = cleanup.items(jobId);
        assertThat(atStop.stream().filter(item -> item.state() == ItemState.IN_FLIGHT).count()).isLessThanOrEqualTo(1);
        assertThat(atStop.stream().filter(item -> item.state().finished()).count()).isLessThan(planned.size());

        runner.start(); // a new runner identity: it takes over once the old lease has run out
        Job job = awaitEnd(cleanup, jobId);

        assertThat(job.status()).isEqualTo(JobStatus.FINISHED);
        List<JobItem> items = cleanup.items(jobId);
        assertThat(items).allSatisfy(item -> assertThat(item.state()).isEqualTo(ItemState.DELETED));
        assertThat(deletes.accepted.values()).hasSize(planned.size()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        Set<Long> deleted = github.control().versions("acme", "base", true).stream().map(SimulatedVersion::id).collect(Collectors.toSet());
        assertThat(deleted).isEqualTo(Set.copyOf(planned));
        assertAudited(audit, cleanup, job);
        assertThat(jdbc().sql("SELECT encrypted_token FROM cleanup_job WHERE id = ?").param(jobId).query(String.class).optional())
                .as("the token is forgotten when the job ends").isEmpty();
        assertThat(deletes.sent.values().stream().mapToLong(AtomicLong::get).sum()).isLessThanOrEqualTo(planned.size() + 1L);
    }

    @Test
    void aTokenThatCannotBeDecryptedWaitsForItsPersonToSignInAgain() throws Exception {
        Owner octocat = owners.find(OCTOCAT, "octocat").orElseThrow();
        var analysis = cleanup.analysis(OCTOCAT, octocat, "dotfiles");
        long untagged = analysis.graph().nodes().stream().filter(node -> !node.tagged()).findFirst().orElseThrow().id();
        CleanupService.Preview preview = cleanup.preview(OCTOCAT, octocat, "dotfiles", CleanupTesting.pick(untagged));
        runner.stop();
        String jobId = ((CleanupService.Started) cleanup.confirm(OCTOCAT, octocat, preview.id(), "dotfiles")).jobId();
        jdbc().sql("UPDATE cleanup_job SET encrypted_token = 'c2VhbGVkIHVuZGVyIGFub3RoZXIga2V5IGxvbmcgZW5vdWdo' WHERE id = ?")
                .param(jobId).update();
        runner.start();
        Instant giveUp = Instant.now().plusSeconds(30);
        while (cleanup.job(jobId).orElseThrow().status() != JobStatus.WAITING_FOR_SIGN_IN && Instant.now().isBefore(giveUp)) {
            Thread.sleep(50);
        }
        assertThat(cleanup.job(jobId).orElseThrow().status()).isEqualTo(JobStatus.WAITING_FOR_SIGN_IN);
        assertThat(cleanup.items(jobId)).allSatisfy(item -> assertThat(item.state()).isEqualTo(ItemState.PENDING));

        assertThat(cleanup.offerToken(OCTOCAT)).isEqualTo(1);
        Job job = awaitEnd(cleanup, jobId);
        assertThat(job.status()).isEqualTo(JobStatus.FINISHED);
        assertThat(cleanup.items(jobId)).singleElement().satisfies(item -> assertThat(item.state()).isEqualTo(ItemState.DELETED));
        assertAudited(audit, cleanup, job);
    }

    @Test
    void anItemInFlightAtTheCrashIsSentAgainAndA404ThenMeansItWentThrough() throws Exception {
        var analysis = cleanup.analysis(OCTOCAT, acme, "api");
        CleanupService.Preview preview = cleanup.preview(OCTOCAT, acme, "api",
                CleanupTesting.pick(CleanupTesting.tagged(analysis, "v1.0").id()));
        runner.stop();
        String jobId = ((CleanupService.Started) cleanup.confirm(OCTOCAT, acme, preview.id(), "api")).jobId();
        JobItem first = cleanup.items(jobId).get(0);
        // The crashed runner had marked the item and its DELETE had reached GitHub.
        jobs.markItem(jobId, first.seq(), ItemState.IN_FLIGHT, null);
        github.control().deleteVersionAsSomeoneElse("acme", "api", first.versionId());
        runner.start();
        Job job = awaitEnd(cleanup, jobId);
        List<JobItem> items = cleanup.items(jobId);
        assertThat(items.get(0).state()).isEqualTo(ItemState.DELETED);
        assertThat(items.get(0).message()).contains("went through");
        assertThat(items).allSatisfy(item -> assertThat(item.state()).isEqualTo(ItemState.DELETED));
        assertAudited(audit, cleanup, job);
    }

    @Test
    void cancellingLetsTheCurrentVersionFinishAndTouchesNothingElse() throws Exception {
        github.control().addFault(FaultRule.delay("DELETE", "/packages/container/web/versions/", Duration.ofMillis(300)));
        var analysis = cleanup.analysis(OCTOCAT, acme, "web");
        CleanupService.Preview preview = cleanup.preview(OCTOCAT, acme, "web",
                CleanupTesting.pick(CleanupTesting.tagged(analysis, "v1.0.0").id()));
        assertThat(preview.plan().toDelete()).hasSizeGreaterThan(3);
        String jobId = ((CleanupService.Started) cleanup.confirm(OCTOCAT, acme, preview.id(), "web")).jobId();
        waitForFinishedItems(jobId, 1);
        cleanup.cancel(jobId);
        Job job = awaitEnd(cleanup, jobId);

        assertThat(job.status()).isEqualTo(JobStatus.CANCELLED);
        List<JobItem> items = cleanup.items(jobId);
        assertThat(items).allSatisfy(item -> assertThat(item.state()).isIn(ItemState.DELETED, ItemState.CANCELLED));
        assertThat(items).anySatisfy(item -> assertThat(item.state()).isEqualTo(ItemState.CANCELLED));
        Set<Long> stillActive = github.control().versions("acme", "web", false).stream().map(SimulatedVersion::id).collect(Collectors.toSet());
        items.stream().filter(item -> item.state() == ItemState.CANCELLED)
                .forEach(item -> assertThat(stillActive).contains(item.versionId()));
        assertAudited(audit, cleanup, job);
    }

    @Test
    void theGeneratedSecretKeyIsReadableByItsOwnerOnly() throws Exception {
        Path key = dataDir.resolve("secret.key");
        assertThat(key).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }

    private JdbcClient jdbc() {
        return JdbcClient.create(dataSource);
    }

    private void waitForFinishedItems(String jobId, int count) throws InterruptedException {
        Instant giveUp = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(giveUp)) {
            if (cleanup.items(jobId).stream().filter(item -> item.state().finished()).count() >= count) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the job did not get going");
    }
}
