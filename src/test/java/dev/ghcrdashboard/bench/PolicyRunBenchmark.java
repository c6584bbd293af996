package dev.ghcrdashboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.persistence.Timestamps;
import dev.ghcrdashboard.simulator.RequestCounts;
import dev.ghcrdashboard.simulator.Scenario;
import dev.ghcrdashboard.simulator.Simulator;
import dev.ghcrdashboard.simulator.SimulatorOptions;
import dev.ghcrdashboard.support.DashboardHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a scheduled retention policy run costs on an unchanged package of 10,000 versions (the browse benchmark's
 * acme/big, 50 ms latency per request), next to what reading the package the first time cost, which is what a
 * cleanup action that re-reads everything pays on every run. A dry-run policy with an orphans rule is saved, the
 * package read once (cold), then the policy is made due and the scheduler's tick starts the run. Prints requests and
 * manifest GETs (downloads on GitHub); asserts only that the unchanged package cost no manifest read. Run with
 * {@code ./mvnw test -Pbenchmark -Dtest=PolicyRunBenchmark}; figures are kept in docs/benchmarks.md.
 */
@Tag("benchmark")
class PolicyRunBenchmark {

    private static final Duration LATENCY = Duration.ofMillis(50);
    private static final String PACKAGE_PAGE = "/owners/acme/packages/big";

    @Test
    void aScheduledRunOverAnUnchangedLargePackage() throws Exception {
        Path dataDir = Files.createTempDirectory("ghcr-bench-");
        try (Simulator github = Simulator.start(Scenario.load("classpath:scenarios/browse-benchmark.yml"),
                SimulatorOptions.defaults().withLatency(LATENCY).withLinkByOwnerId(true));
             ConfigurableApplicationContext dashboard = BrowseBenchmark.startDashboard(github, dataDir, "--ghcr-dashboard.policies.tick=1s")) {
            int port = dashboard.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            var http = new DashboardHttp("http://localhost:" + port);
            assertThat(http.signIn("octocat").status()).isEqualTo(200);
            JdbcClient jdbc = dashboard.getBean(JdbcClient.class);
            github.control().resetCounts();

            // Cold: the package read for the first time (every version page, every manifest worth reading).
            long coldStart = System.nanoTime();
            DashboardHttp.Page page = http.get(PACKAGE_PAGE);
            while (BrowseBenchmark.analysing(page)) {
                Thread.sleep(1_000);
                page = http.get(PACKAGE_PAGE, BrowseBenchmark.HTMX);
            }
            long coldNanos = System.nanoTime() - coldStart;
            RequestCounts cold = github.control().counts();

            DashboardHttp.Page form = http.get("/owners/acme/policies/new");
            DashboardHttp.Page saved = http.post("/owners/acme/policies", List.of(Map.entry("name", "nightly orphans"),
                    Map.entry("scope", "package"), Map.entry("packageName", "big"), Map.entry("schedule", "daily"),
                    Map.entry("groups[0].orphans", "true"), Map.entry("_csrf", DashboardHttp.csrfToken(form))), Map.of());
            assertThat(saved.uri().getPath()).startsWith("/owners/acme/policies/");
            Thread.sleep(Duration.ofSeconds(16).toMillis()); // past the 15 s freshness of the analysis: nothing is reused by accident

            github.control().resetCounts();
            jdbc.sql("UPDATE retention_policy SET next_run_at = :due").param("due", Timestamps.column(Instant.now().minusSeconds(60)))
                    .update();
            long runStart = System.nanoTime();
            String status = awaitScheduledRun(jdbc);
            long runNanos = System.nanoTime() - runStart;
            RequestCounts run = github.control().counts();
            Map<String, Object> figures = jdbc.sql("SELECT p.status, p.versions_total, p.versions_deleted FROM policy_run_package p"
                    + " JOIN policy_run r ON r.id = p.run_id WHERE r.cause = 'scheduled'").query().singleRow();

            System.out.println(String.join("\n",
                    "",
                    String.format(Locale.ROOT, "Policy run benchmark: acme/big, 10,000 versions, %d ms latency per request; %s, %d cores",
                            LATENCY.toMillis(), Instant.now().toString().substring(0, 16) + "Z", Runtime.getRuntime().availableProcessors()),
                    "load average (1/5/15 min): " + CpuMeter.loadAverage(),
                    String.format(Locale.ROOT, "%-52s %14s %14s", "", "first read", "scheduled run"),
                    line("REST requests", cold.rest(), run.rest()),
                    line("  of which 304 Not Modified", cold.restNotModified(), run.restNotModified()),
                    line("manifest GETs (downloads)", cold.totalManifestGets(), run.totalManifestGets()),
                    line("registry token requests", cold.registryTokens(), run.registryTokens()),
                    line("wall time (s, shared machine)", String.format(Locale.ROOT, "%.1f", coldNanos / 1e9),
                            String.format(Locale.ROOT, "%.1f", runNanos / 1e9)),
                    "run: " + status + "; package " + figures.get("status") + ", " + figures.get("versions_total") + " versions, "
                            + figures.get("versions_deleted") + " would be deleted",
                    "re-reading everything on each run (list every page, GET every manifest): 100 REST pages + 10,000 manifest GETs",
                    ""));
            assertThat(run.totalManifestGets()).as("an unchanged package costs no manifest read").isZero();
        } finally {
            BrowseBenchmark.deleteQuietly(dataDir);
        }
    }

    private static String awaitScheduledRun(JdbcClient jdbc) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> statuses = jdbc.sql("SELECT status FROM policy_run WHERE cause = 'scheduled'").query(String.class).list();
            if (!statuses.isEmpty() && !statuses.get(0).equals("RUNNING")) {
                return statuses.get(0);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the scheduled run did not end");
    }

    private static String line(String label, Object first, Object run) {
        return String.format(Locale.ROOT, "%-52s %14s %14s", label, first, run);
    }
}
