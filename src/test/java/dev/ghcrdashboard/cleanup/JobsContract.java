package dev.ghcrdashboard.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.github.OwnerType;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** Job persistence on each supported database: migrations, leases that exclude a second runner, outcomes, tokens. */
abstract class JobsContract {

    static final Owner ACME = new Owner("acme", OwnerType.ORGANIZATION, null);
    static final Duration LEASE = Duration.ofMinutes(5);

    SingleConnectionDataSource dataSource;
    Jobs jobs;

    abstract SingleConnectionDataSource newDatabase();

    @BeforeEach
    void migrate() {
        dataSource = newDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jobs = new Jobs(JdbcClient.create(dataSource), new DataSourceTransactionManager(dataSource), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        dataSource.destroy();
    }

    String newJob() {
        return jobs.create(JobKind.DELETE, "octocat", ACME, "tools/cli", List.of(
                new Jobs.NewItem(11, "sha256:aa", List.of("v1", "latest"), "sha256:aa"),
                new Jobs.NewItem(12, "sha256:bb", List.of(), "sha256:aa")), "sealed-token");
    }

    @Test
    void aLeasedJobIsNotClaimedByASecondInstanceUntilTheLeaseRunsOut() {
        String id = newJob();
        assertThat(jobs.claimNext("instance-a", LEASE)).get().satisfies(job -> {
            assertThat(job.id()).isEqualTo(id);
            assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
        });
        assertThat(jobs.claimNext("instance-b", LEASE)).isEmpty();
        assertThat(jobs.heartbeat(id, "instance-b", LEASE)).as("only the holder renews").isFalse();
        assertThat(jobs.heartbeat(id, "instance-a", Duration.ofSeconds(-1))).isTrue(); // the holder's lease lapses
        assertThat(jobs.claimNext("instance-b", LEASE)).get().extracting(Job::id).isEqualTo(id);
        assertThat(jobs.heartbeat(id, "instance-a", LEASE)).as("the old holder learns it lost the job").isFalse();
    }

    @Test
    void itemsKeepTheirOrderTagsAndOutcomesAndFinishingForgetsTheToken() {
        String id = newJob();
        jobs.markItem(id, 0, ItemState.IN_FLIGHT, null);
        jobs.markItem(id, 0, ItemState.DELETED, null);
        jobs.markItem(id, 1, ItemState.ALREADY_DONE, "already gone: GitHub answered 404");
        List<JobItem> items = jobs.items(id);
        assertThat(items).extracting(JobItem::versionId).containsExactly(11L, 12L);
        assertThat(items.get(0).tags()).containsExactly("v1", "latest");
        assertThat(items.get(0).finishedAt()).isNotNull();
        assertThat(items.get(1).state()).isEqualTo(ItemState.ALREADY_DONE);
        assertThat(jobs.counts(id)).containsEntry(ItemState.DELETED, 1).containsEntry(ItemState.ALREADY_DONE, 1);
        assertThat(jobs.deletedRecords("ACME", "tools/cli")).containsOnlyKeys(11L)
                .extractingByKey(11L).satisfies(record -> {
                    assertThat(record.actor()).isEqualTo("octocat");
                    assertThat(record.tags()).containsExactly("v1", "latest");
                });
        assertThat(jobs.sealedToken(id)).contains("sealed-token");
        jobs.finish(id, JobStatus.FINISHED, List.of("Integrity: all 2 tags resolve to a complete image."));
        assertThat(jobs.sealedToken(id)).isEmpty();
        assertThat(jobs.find(id)).get().satisfies(job -> {
            assertThat(job.status()).isEqualTo(JobStatus.FINISHED);
            assertThat(job.report()).containsExactly("Integrity: all 2 tags resolve to a complete image.");
        });
    }

    @Test
    void aJobWaitingForSignInResumesWithTheNewTokenOrIsCancelledAtOnce() {
        String waiting = newJob();
        jobs.waitForSignIn(waiting);
        assertThat(jobs.claimNext("instance-a", LEASE)).isEmpty();
        assertThat(jobs.waitingFor("octocat")).isTrue();
        assertThat(jobs.offerToken("octocat", "new-sealed-token")).isEqualTo(1);
        assertThat(jobs.sealedToken(waiting)).contains("new-sealed-token");
        assertThat(jobs.claimNext("instance-a", LEASE)).get().extracting(Job::id).isEqualTo(waiting);

        String cancelled = newJob();
        jobs.waitForSignIn(cancelled);
        jobs.requestCancel(cancelled);
        assertThat(jobs.find(cancelled)).get().extracting(Job::status).isEqualTo(JobStatus.CANCELLED);
        assertThat(jobs.items(cancelled)).allSatisfy(item -> assertThat(item.state()).isEqualTo(ItemState.CANCELLED));
    }
}
