package dev.ghcrdashboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How fast the simulator seeds {@code scenarios/large-package.yml} (100,000 versions), how much heap the seeded world
 * keeps, and how long listing every version page by page takes (following GitHub's {@code /organizations/{id}/…}
 * links). It prints figures and asserts only correctness. Run with
 * {@code ./mvnw test -Pbenchmark -Dtest=SimulatorScaleBenchmark}; figures are kept in docs/simulator.md.
 */
@Tag("benchmark")
class SimulatorScaleBenchmark {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    @Test
    void seedAndListAPackageOfOneHundredThousandVersions() {
        long heapBefore = usedHeapAfterGc();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStarted = threads.getCurrentThreadCpuTime();
        long started = System.nanoTime();
        Scenario scenario = Scenario.load("classpath:scenarios/large-package.yml");
        try (Simulator simulator = Simulator.start(scenario, SimulatorOptions.defaults().withLinkByOwnerId(true))) {
            long seeded = System.nanoTime();
            long seedCpu = threads.getCurrentThreadCpuTime() - cpuStarted;
            long heapSeeded = usedHeapAfterGc() - heapBefore;
            SimHttp http = new SimHttp(simulator.baseUrl());

            int pages = 0;
            int versions = 0;
            long listStarted = System.nanoTime();
            HttpResponse<String> page = http.get("/orgs/acme/packages/container/huge/versions?per_page=100", "ghp_large_octocat");
            while (true) {
                assertThat(page.statusCode()).isEqualTo(200);
                pages++;
                versions += SimHttp.json(page).size();
                Matcher next = NEXT.matcher(page.headers().firstValue("Link").orElse(""));
                if (!next.find()) {
                    break;
                }
                assertThat(next.group(1)).contains("/organizations/1000/");
                page = http.get(next.group(1), "ghp_large_octocat");
            }
            long listed = System.nanoTime();

            assertThat(versions).isEqualTo(100_000);
            assertThat(simulator.control().versions("acme", "huge", false).stream().filter(v -> !v.tags().isEmpty())).hasSize(20_000);
            System.out.printf(Locale.ROOT, "%nSIMULATOR SCALE (100,000 versions)%n"
                    + "  seed (load scenario + generate + start): %,d ms (%,d ms CPU on the seeding thread)%n"
                    + "  heap kept by the seeded simulator:       %,d MB (after GC)%n"
                    + "  list all versions, %d pages of 100:    %,d ms (%.1f ms per page, no latency)%n%n",
                    (seeded - started) / 1_000_000, seedCpu / 1_000_000, heapSeeded / (1024 * 1024), pages, (listed - listStarted) / 1_000_000,
                    (listed - listStarted) / 1e6 / pages);
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
