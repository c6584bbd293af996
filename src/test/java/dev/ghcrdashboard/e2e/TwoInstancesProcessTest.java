package dev.ghcrdashboard.e2e;

import static dev.ghcrdashboard.e2e.CrashRecoveryProcessTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.simulator.Scenario;
import dev.ghcrdashboard.simulator.SimulatedVersion;
import dev.ghcrdashboard.simulator.Simulator;
import dev.ghcrdashboard.simulator.SimulatorOptions;
import dev.ghcrdashboard.support.DashboardHttp;
import dev.ghcrdashboard.support.DashboardProcess;
import dev.ghcrdashboard.support.RealPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9's proof that several instances on one PostgreSQL behave as one dashboard, with two real processes
 * against the simulator:
 * <ul>
 * <li>a person signed in through A uses B with the same cookie (the session and its sealed token are in the
 *     database, and B opens the token with the shared key);</li>
 * <li>a bulk delete started on A: the instance running it is killed with SIGKILL, the other takes the job over
 *     once the lease runs out and finishes it; GitHub saw each version deleted once; the audit log is complete;</li>
 * <li>the scheduled drift re-check, due on both instances, ran once per interval across them, not on each;</li>
 * <li>an instance starting while Flyway's history table is locked (a migration running elsewhere) is not ready
 *     until the lock is released.</li>
 * </ul>
 */
class TwoInstancesProcessTest {

    private static final int ITEMS = 200;
    /** Both instances fire the re-check every 2 s; the scheduler lock is held for nine tenths of that. */
    private static final Duration RECHECK_INTERVAL = Duration.ofSeconds(2);
    private static final Pattern RECHECK = Pattern.compile(
            "(?m)^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3})\\S*\\s.*Scheduled drift re-check of acme done on this instance$");

    @TempDir
    Path work;

    @Test
    void twoInstancesShareSessionsTakeOverAKilledInstancesJobAndRunTheRecheckOnce() throws Exception {
        var database = new ProcessSettings.Postgres(RealPostgres.newDatabase());
        try (Simulator github = Simulator.start(Scenario.load("classpath:scenarios/bulk-delete.yml"),
                SimulatorOptions.defaults().withLatency(Duration.ofMillis(10)))) {
            TokenWatch tokens = new TokenWatch(); // no Spring context here: attached to the simulator by hand
            github.control().addExchangeListener(tokens);
            VersionDeletes deletes = VersionDeletes.on(github);
            DashboardProcess a = DashboardProcess.start("a", work, settings("a", github, database));
            DashboardProcess b = startWhileTheSchemaIsLocked(database, settings("b", github, database));
            try {
                // Signed in through A ...
                var onA = new DashboardHttp(a.url());
                onA.signInWithExtraScopes("octocat", "delete");
                assertThat(onA.get("/owners/acme/visibility").status()).isEqualTo(200);
                // ... the same cookie on B: signed in, and B reads GitHub with the token A sealed.
                var onB = onA.at(b.url());
                DashboardHttp.Page packagesOnB = onB.get("/owners/acme/packages");
                assertThat(packagesOnB.status()).isEqualTo(200);
                assertThat(packagesOnB.uri().getPath()).isEqualTo("/owners/acme/packages");
                assertThat(packagesOnB.body()).contains("pile");
                tokens.assertNotIn(packagesOnB);
                // Both instances now know a viewer of acme's drift report, so the re-check is due on both.
                assertThat(onB.get("/owners/acme/visibility").status()).isEqualTo(200);
                Thread.sleep(RECHECK_INTERVAL.multipliedBy(4).toMillis());

                String jobPath = onA.startCleanup("acme", "pile", Map.of("groups[0].tagSyntax", "regex", "groups[0].tagPattern", "1\\.[01]\\.\\d+"));
                String jobId = jobPath.substring(jobPath.lastIndexOf('/') + 1);
                await(() -> deletes.deleted() >= 60, Duration.ofSeconds(120), "60 versions deleted");
                DashboardProcess runner = leaseOwner(database, jobId).startsWith("a:") ? a : b;
                DashboardProcess survivor = runner == a ? b : a;
                runner.kill();
                assertThat(deletes.deleted()).as("killed in the middle of the job").isLessThan(ITEMS);

                DashboardHttp.Page finished = onA.at(survivor.url()).awaitJobEnd(jobPath, Duration.ofSeconds(120));
                assertThat(finished.body()).contains("Finished");
                assertThat(leaseOwner(database, jobId)).as("released at the end").isEmpty();
                assertThat(survivor.logText()).contains("Job " + jobId);

                List<Long> planned = itemVersionIds(database, jobId);
                assertThat(planned).hasSize(ITEMS);
                Set<Long> deletedOnGitHub = github.control().versions("acme", "pile", true).stream()
                        .map(SimulatedVersion::id).collect(Collectors.toSet());
                assertThat(deletedOnGitHub).containsExactlyInAnyOrderElementsOf(planned);
                for (long versionId : planned) {
                    assertThat(deletes.deletesOf(versionId)).as("successful DELETEs of " + versionId).isEqualTo(1);
                }
                assertThat(auditedVersions(database, jobId)).as("one audit entry per item").hasSize(ITEMS)
                        .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(planned);

                List<LocalDateTime> rechecks = Stream.of(a, b).flatMap(instance -> rechecks(instance).stream())
                        .sorted(Comparator.naturalOrder()).toList();
                assertThat(rechecks).as("the re-check ran while both instances were up").hasSizeGreaterThanOrEqualTo(3);
                for (int i = 1; i < rechecks.size(); i++) {
                    assertThat(Duration.between(rechecks.get(i - 1), rechecks.get(i)))
                            .as("re-checks of acme across both instances, in order: " + rechecks)
                            .isGreaterThanOrEqualTo(RECHECK_INTERVAL.multipliedBy(3).dividedBy(4));
                }
                tokens.assertNotIn(a.logText() + b.logText());
            } finally {
                a.close();
                b.close();
            }
        }
    }

    /**
     * Starts B while another session holds Flyway's history table (as a migration in progress does): B's readiness
     * does not answer UP until the lock is released, then it does.
     */
    private DashboardProcess startWhileTheSchemaIsLocked(ProcessSettings.Database database, Map<String, String> settings)
            throws SQLException, InterruptedException {
        try (Connection migrating = database.connect()) {
            migrating.setAutoCommit(false);
            migrating.createStatement().execute("LOCK TABLE flyway_schema_history IN ACCESS EXCLUSIVE MODE");
            DashboardProcess b = DashboardProcess.startWithoutWaiting("b", work, settings);
            // Flyway has connected and is now waiting for the table.
            await(() -> b.logText().contains("Database: jdbc:postgresql") || !b.alive(), Duration.ofSeconds(120), "B reaches Flyway");
            for (int i = 0; i < 15; i++) {
                Thread.sleep(200);
                assertThat(b.alive()).as("B waits for the schema, it does not fail").isTrue();
                assertThat(b.readiness()).as("readiness while the schema is locked").isNotEqualTo(200);
            }
            assertThat(b.logText()).doesNotContain("Started GhcrDashboardApplication");
            migrating.rollback();
            b.awaitReady();
            return b;
        }
    }

    private Map<String, String> settings(String name, Simulator github, ProcessSettings.Postgres database) {
        var settings = new LinkedHashMap<>(ProcessSettings.dashboard(name, github, database, work.resolve("data-" + name)));
        settings.put("ghcr-dashboard.visibility.drift-recheck-interval", RECHECK_INTERVAL.toMillis() + "ms");
        return settings;
    }

    /** The times this instance logged a re-check of acme (its own clock; both run on this machine). */
    private static List<LocalDateTime> rechecks(DashboardProcess instance) {
        List<LocalDateTime> times = new ArrayList<>();
        Matcher line = RECHECK.matcher(instance.logText());
        while (line.find()) {
            times.add(LocalDateTime.parse(line.group(1)));
        }
        return times;
    }

    private static String leaseOwner(ProcessSettings.Database database, String jobId) {
        List<String> owner = database.jdbc().sql("SELECT lease_owner FROM cleanup_job WHERE id = ?").param(jobId)
                .query(String.class).list();
        return owner.isEmpty() || owner.get(0) == null ? "" : owner.get(0);
    }

    private static List<Long> itemVersionIds(ProcessSettings.Database database, String jobId) {
        return distinct(database.jdbc().sql("SELECT version_id FROM cleanup_job_item WHERE job_id = ? AND state = 'DELETED'")
                .param(jobId).query(Long.class).list());
    }

    private static List<Long> auditedVersions(ProcessSettings.Database database, String jobId) {
        return distinct(database.jdbc().sql("SELECT version_id FROM audit_entry WHERE job_id = ? AND outcome = 'SUCCEEDED'")
                .param(jobId).query(Long.class).list());
    }

    private static List<Long> distinct(List<Long> values) {
        assertThat(new HashSet<>(values)).as("no version twice").hasSameSizeAs(values);
        return values;
    }
}
