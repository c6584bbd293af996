package dev.ghcrdashboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.simulator.FaultRule;
import dev.ghcrdashboard.simulator.Scenario;
import dev.ghcrdashboard.simulator.SimulatedVersion;
import dev.ghcrdashboard.simulator.Simulator;
import dev.ghcrdashboard.simulator.SimulatorOptions;
import dev.ghcrdashboard.support.DashboardHttp;
import dev.ghcrdashboard.support.DashboardProcess;
import dev.ghcrdashboard.support.RealPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 8's crash test, with a real dashboard process: a 200-version delete job against a GitHub that is slow
 * and fails once with a 500 and once with a secondary-limit 403 ({@code retry-after}); the process is killed
 * with SIGKILL in the middle of it and started again. On the H2 file database and on PostgreSQL:
 * <ul>
 * <li>after the restart the job finishes, and the person's session survived the crash;</li>
 * <li>GitHub saw each version deleted exactly once, and nothing else deleted;</li>
 * <li>the audit log has one entry per item, and every item's outcome is "deleted" — true for every one;</li>
 * <li>no token GitHub issued appears in clear in the log or in the database's files (issue 8's token scan, over
 *     sign-in, a delete job, a GitHub error page and the crash); on H2 the log is written as JSON lines
 *     ({@code logging.structured.format.console=ecs}), and every line is one.</li>
 * </ul>
 */
class CrashRecoveryProcessTest {

    private static final int ITEMS = 200;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String VERSION_DELETE = "/packages/container/pile/versions/\\d+$";

    @TempDir
    Path work;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2-file", "postgresql"})
    void aJobKilledMidwayFinishesAfterTheRestartDeletingEachVersionOnceWithTrueOutcomes(String databaseKind) throws Exception {
        ProcessSettings.Database database = databaseKind.equals("h2-file")
                ? new ProcessSettings.H2File(Files.createDirectories(work.resolve("data")))
                : new ProcessSettings.Postgres(RealPostgres.newDatabase());
        try (Simulator github = Simulator.start(Scenario.load("classpath:scenarios/bulk-delete.yml"),
                SimulatorOptions.defaults().withLatency(Duration.ofMillis(10)))) {
            TokenWatch tokens = new TokenWatch(); // no Spring context here: attached to the simulator by hand
            github.control().addExchangeListener(tokens);
            VersionDeletes deletes = VersionDeletes.on(github);
            // The 31st version DELETE is answered 500 (and retried), the 61st with a secondary limit (waited out).
            github.control().addFault(FaultRule.status("DELETE", VERSION_DELETE, 500).afterMatches(30).times(1));
            github.control().addFault(FaultRule.secondaryLimit("DELETE", VERSION_DELETE, 2).afterMatches(60).times(1));

            Map<String, String> settings = new HashMap<>(ProcessSettings.dashboard("crash", github, database, work.resolve("data")));
            boolean jsonLogs = databaseKind.equals("h2-file");
            if (jsonLogs) {
                // The operator's setting for JSON log lines; the token scan below then covers that format too.
                settings.put("logging.structured.format.console", "ecs");
            }
            DashboardProcess dashboard = DashboardProcess.start("crash-" + databaseKind, work, settings);
            String jobPath;
            var http = new DashboardHttp(dashboard.url());
            try {
                http.signInWithExtraScopes("octocat", "delete");
                anErrorPage(github, http, tokens);
                jobPath = http.startCleanup("acme", "pile", Map.of("groups[0].tagSyntax", "regex", "groups[0].tagPattern", "1\\.[01]\\.\\d+"));

                await(() -> deletes.deleted() >= 80, Duration.ofSeconds(120), "80 versions deleted before the kill");
                dashboard.kill();
                long deletedAtKill = deletes.deleted();
                assertThat(deletedAtKill).as("killed in the middle of the job").isLessThan(ITEMS);

                dashboard.restart();
                DashboardHttp.Page afterCrash = http.get(jobPath);
                assertThat(afterCrash.status()).as("the session outlived the crash").isEqualTo(200);
                assertThat(afterCrash.uri().getPath()).isEqualTo(jobPath);
                DashboardHttp.Page finished = http.awaitJobEnd(jobPath, Duration.ofSeconds(180));
                assertThat(finished.body()).contains("Finished");
                tokens.assertNotIn(finished);
            } finally {
                dashboard.stopGracefully(); // closes the H2 file, so the test can read it
            }

            // What GitHub saw: the 200 planned versions deleted, each by exactly one successful DELETE.
            String jobId = jobPath.substring(jobPath.lastIndexOf('/') + 1);
            List<Long> planned = itemVersionIds(database, jobId);
            assertThat(planned).hasSize(ITEMS).doesNotHaveDuplicates();
            Set<Long> deletedOnGitHub = github.control().versions("acme", "pile", true).stream()
                    .map(SimulatedVersion::id).collect(Collectors.toSet());
            assertThat(deletedOnGitHub).containsExactlyInAnyOrderElementsOf(planned);
            assertThat(github.control().versions("acme", "pile", false)).hasSize(1);
            for (long versionId : planned) {
                assertThat(deletes.deletesOf(versionId)).as("successful DELETEs of version " + versionId).isEqualTo(1);
            }
            assertThat(deletes.answered(500)).as("the 500 fault fired").isTrue();
            assertThat(deletes.answered(403)).as("the secondary-limit fault fired").isTrue();

            // What the dashboard recorded: every item deleted (true: GitHub deleted each), one audit entry each.
            assertThat(itemStates(database, jobId)).isEqualTo(Map.of("DELETED", ITEMS));
            Map<Long, String> audit = auditOutcomes(database, jobId);
            assertThat(audit).hasSize(ITEMS);
            assertThat(audit.keySet()).containsExactlyInAnyOrderElementsOf(planned);
            assertThat(new HashSet<>(audit.values())).containsExactly("SUCCEEDED");

            // Issue 8's token scan: the process's whole log and the database's files.
            Set<String> secrets = new HashSet<>(tokens.issued());
            tokens.assertNotIn(dashboard.logText());
            TokenScan.assertNoneIn(dashboard.log(), secrets);
            assertThat(TokenScan.assertNoneIn(databaseFiles(database), secrets)).isPositive();
            assertThat(dashboard.logText()).doesNotContain(ProcessSettings.CLIENT_SECRET);
            if (jsonLogs) {
                assertEveryLogLineIsJson(dashboard.logText());
            }
        }
    }

    /** After the banner (printed before logging starts), every line is one JSON object with ECS's fields. */
    private static void assertEveryLogLineIsJson(String log) {
        List<String> lines = log.lines().filter(line -> line.startsWith("{")).toList();
        assertThat(lines).as("JSON log lines").hasSizeGreaterThan(20);
        for (String line : lines) {
            JsonNode entry = JSON.readTree(line);
            assertThat(entry.has("@timestamp") && entry.has("message") && (entry.path("log").has("level") || entry.has("log.level"))).as(line).isTrue();
        }
        assertThat(lines).anyMatch(line -> line.contains("Started GhcrDashboardApplication"));
        assertThat(log.lines().filter(line -> line.contains(" INFO ") || line.contains(" WARN ")).toList())
                .as("no plain-text log lines").isEmpty();
    }

    /** GitHub failing on a page: the person gets the dashboard's 503 page, the log gets a warning; neither the token. */
    private static void anErrorPage(Simulator github, DashboardHttp http, TokenWatch tokens) {
        github.control().addFault(FaultRule.status("GET", "/orgs/acme/packages\\?", 500).times(3));
        DashboardHttp.Page failed = http.get("/owners/acme/packages");
        assertThat(failed.status()).isEqualTo(503);
        tokens.assertNotIn(failed);
    }

    private static Path databaseFiles(ProcessSettings.Database database) {
        if (database instanceof ProcessSettings.H2File h2) {
            return h2.dataDir();
        }
        JdbcClient jdbc = database.jdbc();
        jdbc.sql("CHECKPOINT").update(); // table pages reach the files, not only the write-ahead log
        return Path.of(jdbc.sql("SHOW data_directory").query(String.class).single());
    }

    private static List<Long> itemVersionIds(ProcessSettings.Database database, String jobId) {
        return database.jdbc().sql("SELECT version_id FROM cleanup_job_item WHERE job_id = ? ORDER BY seq").param(jobId)
                .query(Long.class).list();
    }

    private static Map<String, Integer> itemStates(ProcessSettings.Database database, String jobId) {
        Map<String, Integer> states = new HashMap<>();
        database.jdbc().sql("SELECT state, COUNT(*) FROM cleanup_job_item WHERE job_id = ? GROUP BY state").param(jobId)
                .query(rs -> {
                    states.put(rs.getString(1), rs.getInt(2));
                });
        return states;
    }

    /** Per version, the outcome of its audit entry; a version audited twice would fail here. */
    private static Map<Long, String> auditOutcomes(ProcessSettings.Database database, String jobId) {
        Map<Long, String> outcomes = new HashMap<>();
        database.jdbc().sql("SELECT version_id, outcome FROM audit_entry WHERE job_id = ?").param(jobId)
                .query(rs -> {
                    assertThat(outcomes.put(rs.getLong(1), rs.getString(2))).as("audited twice: " + rs.getLong(1)).isNull();
                });
        return outcomes;
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(50);
        }
    }
}
