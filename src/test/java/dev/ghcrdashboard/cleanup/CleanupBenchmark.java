package dev.ghcrdashboard.cleanup;

import static dev.ghcrdashboard.cleanup.CleanupTesting.OCTOCAT;

import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.owners.OwnerDirectory;
import dev.ghcrdashboard.packages.PackageAnalysis;
import dev.ghcrdashboard.packages.PackageAnalyzer;
import dev.ghcrdashboard.simulator.Scenario;
import dev.ghcrdashboard.simulator.SecondaryLimit;
import dev.ghcrdashboard.simulator.Simulator;
import dev.ghcrdashboard.simulator.SimulatorOptions;
import dev.ghcrdashboard.support.SimulatorBackedTest;
import dev.ghcrdashboard.support.SimulatorSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.validation.BeanPropertyBindingResult;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Not a test: prints figures (see docs/benchmarks.md). Runs only with {@code -Dbenchmark=true}.
 * {@code -Dbenchmark.window=6} shrinks GitHub's one-minute secondary-limit window (and the job pacing
 * with it) to that many seconds, so the job part finishes ten times sooner.
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SimulatorBackedTest(setup = CleanupBenchmark.SecondaryLimitOfTheWindow.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK,
        properties = {"ghcr-dashboard.cleanup.period=${benchmark.window:60}s", "ghcr-dashboard.cleanup.poll-interval=100ms"})
class CleanupBenchmark {

    static final Duration WINDOW = Duration.ofSeconds(Long.getLong("benchmark.window", 60));

    /** GitHub's secondary limit, over the (possibly shrunk) window; a primary limit that never gets in the way. */
    static final class SecondaryLimitOfTheWindow implements SimulatorSetup {
        @Override
        public Simulator start() {
            return Simulator.start(Scenario.load("classpath:scenarios/cleanup-benchmark.yml"),
                    SimulatorOptions.defaults().withSecondaryLimit(new SecondaryLimit(900, WINDOW)).withRateLimitPerHour(1_000_000));
        }
    }

    /** The pacing under test: the application's own default unless overridden on the command line. */
    @org.springframework.beans.factory.annotation.Value("${ghcr-dashboard.cleanup.calls-per-period}")
    int callsPerPeriod;
    @Autowired
    Simulator github;
    @Autowired
    PackageAnalyzer analyzer;
    @Autowired
    CleanupService cleanup;
    @Autowired
    OwnerDirectory owners;

    @Test
    @Order(1)
    void planOnTenThousandVersions() {
        Owner acme = owners.find(OCTOCAT, "acme").orElseThrow();
        long start = System.nanoTime();
        PackageAnalysis analysis = analyzer.analyse(OCTOCAT, acme, "big", Duration.ofMinutes(15));
        double analysisSeconds = (System.nanoTime() - start) / 1e9;
        CleanupForm form = CleanupTesting.rules(true, "30", "", "glob", "matching", "10");
        CleanupRequest request = form.toRequest(new BeanPropertyBindingResult(form, "form")).orElseThrow();
        for (int i = 0; i < 5; i++) {
            cleanup.plan(analysis, request);
        }
        List<Double> millis = new ArrayList<>();
        DeletePlan plan = null;
        for (int i = 0; i < 15; i++) {
            long t = System.nanoTime();
            plan = cleanup.plan(analysis, request);
            millis.add((System.nanoTime() - t) / 1e6);
        }
        Collections.sort(millis);
        report(String.format("plan: %d versions (graph complete: %s), rules 'untagged orphans, older than 30 days, keep 10 newest tagged':"
                        + " %d to delete, %d kept, %d refused; warm plan time min %.1f ms, median %.1f ms, max %.1f ms"
                        + " (15 runs after 5 warm-up); first analysis (list + read manifests from the simulator) %.1f s",
                analysis.graph().size(), analysis.complete(), plan.toDelete().size(), plan.kept().size(), plan.refused().size(),
                millis.get(0), millis.get(millis.size() / 2), millis.get(millis.size() - 1), analysisSeconds));
    }

    @Test
    @Order(2)
    void jobOfAThousandDeletesUnderTheSecondaryLimit() throws Exception {
        Owner acme = owners.find(OCTOCAT, "acme").orElseThrow();
        AtomicLong limitErrors = new AtomicLong();
        AtomicLong deletes = new AtomicLong();
        github.control().addExchangeListener(exchange -> {
            if (exchange.status() == 403 || exchange.status() == 429) {
                limitErrors.incrementAndGet();
            }
            if (exchange.method().equals("DELETE") && exchange.status() == 204) {
                deletes.incrementAndGet();
            }
        });
        analyzer.analyse(OCTOCAT, acme, "thousand", Duration.ofMinutes(5));
        CleanupService.Preview preview = cleanup.preview(OCTOCAT, acme, "thousand",
                CleanupTesting.rules(false, "0", "", "glob", "matching", "1"));
        int planned = preview.plan().toDelete().size();
        Instant start = Instant.now();
        String jobId = ((CleanupService.Started) cleanup.confirm(OCTOCAT, acme, preview.id(), "thousand")).jobId();
        Job job = awaitEnd(jobId);
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        double minimum = planned * 5.0 / 900 * WINDOW.toMillis() / 1000.0;
        long failed = cleanup.items(jobId).stream().filter(item -> item.state() != ItemState.DELETED).count();
        report(String.format("job: %d deletes with the secondary limit at 900 points per %d s (DELETE = 5 points, so %d deletes per window)"
                        + " and pacing %d per %d s: wall time %.1f s; the limit's minimum is %.1f s (%.2fx); %d limit errors (403/429);"
                        + " %d accepted DELETEs; %d items not deleted; status %s",
                planned, WINDOW.toSeconds(), 900 / 5, callsPerPeriod, WINDOW.toSeconds(), seconds, minimum, seconds / minimum, limitErrors.get(),
                deletes.get(), failed, job.status()));
    }

    private Job awaitEnd(String jobId) throws InterruptedException {
        while (true) {
            Job job = cleanup.job(jobId).orElseThrow();
            if (job.status().ended()) {
                return job;
            }
            Thread.sleep(200);
        }
    }

    private static void report(String line) {
        String stamped = "[benchmark window=" + WINDOW.toSeconds() + "s] " + line;
        System.out.println(stamped);
        try {
            Path file = Path.of("target", "benchmark-results.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, stamped + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
