package dev.ghcrdashboard.policies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.cleanup.RuleGroupForm;
import dev.ghcrdashboard.persistence.OnceAcrossInstances;
import dev.ghcrdashboard.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The scheduler on a clock the test moves, against each database the dashboard runs on: a policy runs when it is
 * due, once, and again only at its following time; two instances (each with its own connections) ticking at the
 * same moment start a due run exactly once between them.
 */
abstract class PolicySchedulingContract {

    /** Monday 2026-11-30, 02:00 UTC: an hour before the presets' 03:00. */
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T02:00:00Z"));
    private final List<String> started = new CopyOnWriteArrayList<>();
    private DataSource database;

    /** A fresh, empty database. */
    abstract DataSource newDatabase();

    /** Another set of connections to the same database, as a second instance has. */
    abstract DataSource secondInstance();

    @BeforeEach
    void migrate() {
        database = newDatabase();
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
    }

    @Test
    void aDailyPolicyRunsOnceWhenDueAndNotBeforeOrAgainUntilTheNextDay() {
        PolicyScheduler scheduler = scheduler(database);
        long id = save("nightly", "daily");

        assertThat(scheduler.startDue()).as("not due before 03:00").isZero();
        clock.advance(Duration.ofMinutes(59));
        assertThat(scheduler.startDue()).isZero();

        clock.advance(Duration.ofMinutes(1));
        assertThat(scheduler.startDue()).isEqualTo(1);
        assertThat(started).containsExactly("nightly/scheduled");
        assertThat(scheduler.startDue()).as("the same due time is not run twice").isZero();
        assertThat(new PolicyStore(JdbcClient.create(database)).find(id).orElseThrow().nextRunAt())
                .isEqualTo(Instant.parse("2026-12-01T03:00:00Z"));

        clock.advance(Duration.ofHours(23).plusMinutes(59));
        assertThat(scheduler.startDue()).isZero();
        clock.advance(Duration.ofMinutes(1));
        assertThat(scheduler.startDue()).isEqualTo(1);
        assertThat(started).containsExactly("nightly/scheduled", "nightly/scheduled");
    }

    @Test
    void missedTimesRunOnceWhenTheInstancesAreBackNotOncePerMissedTime() {
        PolicyScheduler scheduler = scheduler(database);
        save("hourly", "0 * * * *");

        clock.advance(Duration.ofHours(5)); // every instance was down for five due times
        assertThat(scheduler.startDue()).isEqualTo(1);
        assertThat(scheduler.startDue()).isZero();
        assertThat(started).hasSize(1);
    }

    @Test
    void twoInstancesTickingAtTheSameMomentStartADueRunExactlyOnce() throws Exception {
        PolicyScheduler first = scheduler(database);
        PolicyScheduler second = scheduler(secondInstance());
        for (int i = 0; i < 5; i++) {
            save("policy-" + i, "daily");
        }
        clock.advance(Duration.ofHours(1));

        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> tickFirst = () -> {
                together.await();
                return first.startDue();
            };
            Callable<Integer> tickSecond = () -> {
                together.await();
                return second.startDue();
            };
            Future<Integer> a = instances.submit(tickFirst);
            Future<Integer> b = instances.submit(tickSecond);
            assertThat(a.get() + b.get()).isEqualTo(5);
        } finally {
            instances.shutdownNow();
        }
        assertThat(started).hasSize(5).doesNotHaveDuplicates();
    }

    @Test
    void aRunLeftPlanningByAStoppedInstanceIsEndedWithTheReasonAnHourLater() {
        PolicyScheduler scheduler = scheduler(database);
        long id = save("weekly", "weekly");
        PolicyRuns runs = new PolicyRuns(JdbcClient.create(database));
        long left = runs.start(id, "scheduled", PolicyMode.DRY_RUN, "octocat", clock.instant());

        clock.advance(Duration.ofMinutes(59));
        scheduler.startDue();
        assertThat(runs.find(id, left).orElseThrow().status()).isEqualTo(PolicyRun.Status.RUNNING);

        clock.advance(Duration.ofMinutes(2));
        scheduler.startDue();
        PolicyRun ended = runs.find(id, left).orElseThrow();
        assertThat(ended.status()).isEqualTo(PolicyRun.Status.FAILED);
        assertThat(ended.reason()).contains("the instance running it stopped");
    }

    private PolicyScheduler scheduler(DataSource dataSource) {
        return new PolicyScheduler(new PolicyStore(JdbcClient.create(dataSource)), new PolicyRuns(JdbcClient.create(dataSource)),
                (policy, cause, startedBy) -> {
            started.add(policy.name() + "/" + cause);
            return started.size();
        }, clock, new OnceAcrossInstances(new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource)).usingDbTime().build())));
    }

    private long save(String name, String schedule) {
        var settings = new PolicyForm.Settings(name, new PolicyScope(PolicyScope.Kind.PACKAGE, "web"), new Schedule(schedule), 50,
                List.of(new RuleGroupForm(true, null, "", "glob", "matching", null, null, false)));
        Instant now = clock.instant();
        return new PolicyStore(JdbcClient.create(database)).insert(new PolicyStore.Write("acme", settings, PolicyMode.DRY_RUN, "octocat",
                Set.of("read:packages"), "sealed", settings.schedule().next(now), now));
    }
}
