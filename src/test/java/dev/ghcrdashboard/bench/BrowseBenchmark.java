package dev.ghcrdashboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.GhcrDashboardApplication;
import dev.ghcrdashboard.simulator.RecordedExchange;
import dev.ghcrdashboard.simulator.RequestCounts;
import dev.ghcrdashboard.simulator.Scenario;
import dev.ghcrdashboard.simulator.Simulator;
import dev.ghcrdashboard.simulator.SimulatorOptions;
import dev.ghcrdashboard.support.DashboardHttp;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The browse benchmark of the issue: one package of 10,000 versions (2,000 multi-arch images, each an
 * index + 2 platform manifests + 2 attestations), or 100,000 with {@code -Dbench.versions=100000}, behind
 * 50 ms of latency per request, with GitHub's {@code Link} form by owner id. It prints what the dashboard
 * asked of GitHub and the registry, how long a person waits, how much CPU the dashboard spent and how much
 * heap it keeps, cold (empty manifest cache) and warm. It asserts only correctness (no manifest fetched
 * twice, none again when warm), never time: timings depend on the machine. Run with
 * {@code ./mvnw test -Pbenchmark -Dtest=BrowseBenchmark}; {@code -Dbench.profile=true} adds a JFR profile of
 * the cold analysis. Figures are kept in docs/benchmarks.md.
 */
@Tag("benchmark")
class BrowseBenchmark {

    private static final Duration LATENCY = Duration.ofMillis(50);
    private static final String PACKAGE_PAGE = "/owners/acme/packages/big";
    private static final Pattern ROW = Pattern.compile("data-version-id=\"\\d+\"");
    private static final Pattern PROGRESS = Pattern.compile("Placing versions: <span>([\\d,]+) of ([\\d,]+)</span>");
    static final Map<String, String> HTMX = Map.of("HX-Request", "true", "Accept", "*/*");
    /** The page's status block polls with {@code hx-trigger="load delay:1s"}; the benchmark polls the same way. */
    private static final Duration POLL = Duration.ofSeconds(1);

    @Test
    void browseALargePackage() throws Exception {
        int versions = Integer.getInteger("bench.versions", 10_000);
        String scenario = switch (versions) {
            case 10_000 -> "classpath:scenarios/browse-benchmark.yml";
            case 100_000 -> "classpath:scenarios/browse-benchmark-100k.yml";
            default -> throw new IllegalArgumentException("bench.versions is 10000 or 100000, not " + versions);
        };
        boolean profile = Boolean.getBoolean("bench.profile");
        Path dataDir = Files.createTempDirectory("ghcr-bench-");
        long started = System.nanoTime();
        String loadAtStart = CpuMeter.loadAverage();
        try (Simulator github = Simulator.start(Scenario.load(scenario),
                SimulatorOptions.defaults().withLatency(LATENCY).withLinkByOwnerId(true))) {
            long seeded = System.nanoTime();
            long heapSimulatorOnly = heapAfterGc();
            Traffic traffic = new Traffic();
            github.control().addExchangeListener(traffic);
            try (ConfigurableApplicationContext dashboard = startDashboard(github, dataDir)) {
                int port = dashboard.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
                var http = new DashboardHttp("http://localhost:" + port);
                assertThat(http.signIn("octocat").status()).isEqualTo(200);
                // JIT warm-up on another package: "cold" is about caches, not about a JVM that has never run the code.
                CpuMeter warmUpCpu = new CpuMeter();
                long classesBeforeWarmUp = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
                warmUpCpu.start();
                DashboardHttp.Page warmUp = watched(() -> http.get("/owners/acme/packages/warm-up"));
                while (analysing(warmUp)) {
                    Thread.sleep(POLL.toMillis());
                    warmUp = watched(() -> http.get("/owners/acme/packages/warm-up", HTMX));
                }
                CpuMeter.Usage warmedUp = warmUpCpu.stop();
                long classesLoadedInWarmUp = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount() - classesBeforeWarmUp;
                long heapIdleDashboard = heapAfterGc();
                long compilerSettled = CpuMeter.awaitCompilerQuiet(Duration.ofSeconds(90));
                github.control().resetCounts();
                traffic.reset();
                CpuMeter cpu = new CpuMeter();
                ColdProfile recording = profile ? ColdProfile.start(Path.of("target", "benchmark", "cold-" + versions + ".jfr").toAbsolutePath()) : null;
                String loadCold = CpuMeter.loadAverage();
                cpu.start();

                // Cold: nothing cached. A person opens the package page, then the page polls (as htmx does every second).
                long coldStart = System.nanoTime();
                DashboardHttp.Page first = watched(() -> http.get(PACKAGE_PAGE));
                long coldFirstResponse = System.nanoTime() - coldStart;
                assertThat(first.status()).isEqualTo(200);
                int firstRows = rows(first);
                boolean firstHasActions = hasActions(first);
                long coldFirstVersions = firstRows > 0 ? coldFirstResponse : -1;
                String firstProgress = progress(first);
                List<String> progressSeen = new ArrayList<>();
                DashboardHttp.Page fragment = first;
                Timed pagingWhileAnalysing = null;
                Timed filterWhileAnalysing = null;
                while (analysing(fragment)) {
                    Thread.sleep(POLL.toMillis());
                    fragment = watched(() -> http.get(PACKAGE_PAGE, HTMX));
                    assertThat(fragment.status()).isEqualTo(200);
                    if (coldFirstVersions < 0 && rows(fragment) > 0) {
                        coldFirstVersions = System.nanoTime() - coldStart;
                    }
                    String p = progress(fragment);
                    if (!p.isEmpty() && (progressSeen.isEmpty() || !progressSeen.get(progressSeen.size() - 1).equals(p))) {
                        progressSeen.add(p);
                    }
                    if (pagingWhileAnalysing == null && !p.isEmpty() && analysing(fragment)) {
                        // Once every version is listed, a person pages and filters while manifests are still read.
                        pagingWhileAnalysing = timed(() -> http.get(PACKAGE_PAGE + "?page=3", HTMX));
                        filterWhileAnalysing = timed(() -> http.get(PACKAGE_PAGE + "?show=tagged&tag=1.1", HTMX));
                    }
                    assertThat(System.nanoTime() - coldStart).as("analysis finishes at all").isLessThan(Duration.ofMinutes(10).toNanos());
                }
                long coldComplete = System.nanoTime() - coldStart;
                CpuMeter.Usage coldCpu = cpu.stop();
                String loadColdEnd = CpuMeter.loadAverage();
                Instant analysedAt = Instant.now();
                String coldProfile = recording == null ? "" : recording.stopAndSummarise();
                if (recording != null) {
                    recording.close();
                }
                assertThat(fragment.body()).as("no manifest failed").doesNotContain("could not be read");
                RequestCounts cold = github.control().counts();
                Traffic.Summary coldTraffic = traffic.summary();
                long heapAfterCold = heapAfterGc();

                assertThat(cold.manifestGets().values()).as("no manifest fetched twice").allMatch(n -> n == 1L);

                // Warm: the same page after the 15 s freshness window, so the versions are asked again (ETags → 304).
                long wait = Duration.ofSeconds(16).toMillis() - Duration.between(analysedAt, Instant.now()).toMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                github.control().resetCounts();
                traffic.reset();
                String loadWarm = CpuMeter.loadAverage();
                cpu.start();
                long warmStart = System.nanoTime();
                DashboardHttp.Page warm = watched(() -> http.get(PACKAGE_PAGE));
                long warmResponse = System.nanoTime() - warmStart;
                assertThat(warm.status()).isEqualTo(200);
                int warmRows = rows(warm);
                boolean warmShowedProgress = analysing(warm);
                // The page showed the last complete analysis; the refresh behind it ends when GitHub hears no more.
                long refreshEnd = traffic.awaitQuiet(Duration.ofSeconds(2));
                long warmRefresh = refreshEnd - warmStart;
                CpuMeter.Usage warmCpu = cpu.stop();
                RequestCounts warmCounts = github.control().counts();
                Traffic.Summary warmTraffic = traffic.summary();
                github.control().resetCounts();
                long afterRefreshStart = System.nanoTime();
                DashboardHttp.Page refreshed = watched(() -> http.get(PACKAGE_PAGE));
                long afterRefreshResponse = System.nanoTime() - afterRefreshStart;
                assertThat(analysing(refreshed)).as("the refresh finished").isFalse();
                RequestCounts afterRefreshCounts = github.control().counts();
                // A reload in the browser (Cache-Control: max-age=0) asks GitHub for the package object whatever its age.
                github.control().resetCounts();
                DashboardHttp.Page reloaded = watched(() -> http.get(PACKAGE_PAGE, Map.of("Cache-Control", "max-age=0")));
                assertThat(reloaded.status()).isEqualTo(200);
                RequestCounts reloadCounts = github.control().counts();
                Renders renders = renderRepeatedly(http);
                long heapAfterWarm = heapAfterGc();

                assertThat(warmCounts.totalManifestGets() + afterRefreshCounts.totalManifestGets()).as("no manifest fetched again when warm").isZero();

                String report = String.join("\n",
                        "",
                        String.format(Locale.ROOT, "Browse benchmark: acme/big, %,d versions (%,d images x (index + 2 platforms + 2 attestations)), "
                                + "%d ms latency per request, Link by owner id", versions, versions / 5, LATENCY.toMillis()),
                        String.format(Locale.ROOT, "%s, %d cores, max heap %d MiB, simulator seeded in %.1f s, registry concurrency %s",
                                Instant.now().toString().substring(0, 16) + "Z", Runtime.getRuntime().availableProcessors(),
                                Runtime.getRuntime().maxMemory() >> 20, (seeded - started) / 1e9,
                                dashboard.getEnvironment().getProperty("ghcr-dashboard.registry.concurrency")),
                        "load average (1/5/15 min): at start " + loadAtStart + "; cold " + loadCold + " -> " + loadColdEnd + "; warm " + loadWarm,
                        "",
                        String.format(Locale.ROOT, "%-48s %14s %14s", "", "cold", "warm"),
                        line("package page response (ms)", ms(coldFirstResponse), ms(warmResponse)),
                        line("  version rows on that response", firstRows, warmRows),
                        line("  actions and facts on that response", firstHasActions ? "yes" : "NO", hasActions(warm) ? "yes" : "NO"),
                        line("  progress shown on it", firstProgress.isEmpty() ? "-" : firstProgress, progress(warm).isEmpty() ? "-" : progress(warm)),
                        line("first versions on screen (ms)", coldFirstVersions < 0 ? "never" : ms(coldFirstVersions), ms(warmResponse)),
                        line("analysis complete (ms)", ms(coldComplete), "(see below)"),
                        line("page 3 while analysing (ms, rows)", pagingWhileAnalysing == null ? "-" : pagingWhileAnalysing.toString(), ""),
                        line("tagged + tag filter while analysing (ms, rows)", filterWhileAnalysing == null ? "-" : filterWhileAnalysing.toString(), ""),
                        line("warm: progress bar shown again", "", warmShowedProgress ? "yes" : "no"),
                        line("warm: background refresh done after (ms)", "", ms(warmRefresh)),
                        line("warm: page after the refresh (ms)", "", ms(afterRefreshResponse)),
                        line("warm: page after the refresh, REST requests", "", afterRefreshCounts.rest()),
                        line("warm: reloaded (max-age=0), REST requests", "", reloadCounts.rest()),
                        // GitHub's answers say "max-age=60": within that the warm view reuses the package object unasked.
                        line("warm: age of GitHub's package answer (s)", "", (warmStart - coldStart) / 1_000_000_000L),
                        line("REST requests", cold.rest(), warmCounts.rest()),
                        line("  of which 304 Not Modified", cold.restNotModified(), warmCounts.restNotModified()),
                        line("  of which the package object", coldTraffic.packageObject(), warmTraffic.packageObject()),
                        line("registry requests (all)", coldTraffic.registry(), warmTraffic.registry()),
                        line("  answered 401", coldTraffic.unauthorized(), warmTraffic.unauthorized()),
                        line("  token requests", cold.registryTokens(), warmCounts.registryTokens()),
                        line("manifest GETs (downloads)", cold.totalManifestGets(), warmCounts.totalManifestGets()),
                        line("  indexes / images / attestations+signatures", coldTraffic.kinds(), warmTraffic.kinds()),
                        line("  distinct digests / max GETs per digest", cold.manifestGets().size() + " / " + max(cold),
                                warmCounts.manifestGets().size() + " / " + max(warmCounts)),
                        line("manifest HEADs, blob GETs", cold.totalManifestHeads() + ", " + cold.blobGets(),
                                warmCounts.totalManifestHeads() + ", " + warmCounts.blobGets()),
                        line("all requests to GitHub (REST + registry)", cold.rest() + coldTraffic.registry(), warmCounts.rest() + warmTraffic.registry()),
                        line("max concurrent requests, REST (lower bound)", coldTraffic.maxRest(), warmTraffic.maxRest()),
                        line("max concurrent requests, registry (lower bound)", coldTraffic.maxRegistry(), warmTraffic.maxRegistry()),
                        line("CPU, whole process (ms)", ms(coldCpu.processNanos()), ms(warmCpu.processNanos())),
                        line("  dashboard threads (ms)", ms(coldCpu.dashboardNanos()), ms(warmCpu.dashboardNanos())),
                        line("  simulator threads (ms)", ms(coldCpu.simulatorNanos()), ms(warmCpu.simulatorNanos())),
                        line("  benchmark client (ms)", ms(coldCpu.clientNanos()), ms(warmCpu.clientNanos())),
                        line("  garbage collection, as the collectors report (ms)", coldCpu.gcMillis(), warmCpu.gcMillis()),
                        line("  JIT compilation, as the compilers report (ms)", coldCpu.compileMillis(), warmCpu.compileMillis()),
                        line("  JVM threads: JIT compiler (ms)", ms(coldCpu.vmNanos(CpuMeter.JIT)), ms(warmCpu.vmNanos(CpuMeter.JIT))),
                        line("  JVM threads: garbage collector (ms)", ms(coldCpu.vmNanos(CpuMeter.GC)), ms(warmCpu.vmNanos(CpuMeter.GC))),
                        line("  JVM threads: other (ms)", ms(coldCpu.vmNanos(CpuMeter.OTHER_VM)), ms(warmCpu.vmNanos(CpuMeter.OTHER_VM))),
                        line("process CPU per version analysed (ms)", perManifest(coldCpu.processNanos(), versions), "-"),
                        line("process CPU per manifest fetched (ms)", perManifest(coldCpu.processNanos(), cold.totalManifestGets()), "-"),
                        // In production the simulator is github.com, not a part of the dashboard's process.
                        line("  without the simulator's threads (ms)",
                                perManifest(coldCpu.processNanos() - coldCpu.simulatorNanos(), cold.totalManifestGets()), "-"),
                        line("dashboard CPU per manifest fetched (ms)", perManifest(coldCpu.dashboardNanos(), cold.totalManifestGets()), "-"),
                        line("dashboard CPU per version (ms)", perManifest(coldCpu.dashboardNanos(), versions),
                                perManifest(warmCpu.dashboardNanos(), versions)),
                        line("heap used after GC (MiB), whole JVM", mib(heapAfterCold), mib(heapAfterWarm)),
                        line("  minus simulator + dashboard after warm-up (MiB)", mib(heapAfterCold - heapIdleDashboard), mib(heapAfterWarm - heapIdleDashboard)),
                        String.format(Locale.ROOT, "heap baseline: simulator with its %,d versions (and the warm-up package) %d MiB; + dashboard after the warm-up %d MiB",
                                versions, mib(heapSimulatorOnly), mib(heapIdleDashboard)),
                        String.format(Locale.ROOT, "after the warm-up (acme/warm-up, same shape as acme/big) the JIT compilers took %,d ms to settle",
                                compilerSettled),
                        String.format(Locale.ROOT, "the warm-up's analysis (the first on this JVM): process CPU %,d ms, dashboard threads %,d ms, "
                                + "JIT compiler threads %,d ms, %,d classes loaded", ms(warmedUp.processNanos()), ms(warmedUp.dashboardNanos()),
                                ms(warmedUp.vmNanos(CpuMeter.JIT)), classesLoadedInWarmUp),
                        "progress seen while polling (cold): " + summarise(progressSeen),
                        String.format(Locale.ROOT, "versions area of page 2 (150 rows, analysis complete) rendered %d times: dashboard CPU %.1f ms "
                                + "per render, response p50 %d ms, p90 %d ms", renders.count(), renders.cpuMillisEach(), renders.p50(), renders.p90()),
                        "",
                        coldProfile);
                System.out.println(report);
                Path out = Path.of("target", "benchmark", "browse-" + versions + ".txt");
                Files.createDirectories(out.getParent());
                Files.writeString(out, report);
            }
        } finally {
            deleteQuietly(dataDir);
        }
    }

    /** A request made while the analysis runs: how long it took and how many version rows it showed. */
    record Timed(long millis, int rows) {
        @Override
        public String toString() {
            return millis + ", " + rows;
        }
    }

    private static Timed timed(Supplier<DashboardHttp.Page> request) {
        long start = System.nanoTime();
        DashboardHttp.Page page = watched(request);
        assertThat(page.status()).isEqualTo(200);
        return new Timed(ms(System.nanoTime() - start), rows(page));
    }

    /** The package's facts and actions, which the page shows whether or not its versions are analysed yet. */
    private static boolean hasActions(DashboardHttp.Page page) {
        return page.body().contains("Clean up versions") && page.body().contains("Delete package")
                && page.body().contains(">Trash<") && page.body().contains("id=\"change-visibility\"");
    }

    private static String perManifest(long nanos, long count) {
        return count == 0 ? "-" : String.format(Locale.ROOT, "%.2f", nanos / 1e6 / count);
    }

    /** The dashboard pointed at the simulator, on an H2 file in {@code dataDir}; {@code more} are further command-line settings. */
    static ConfigurableApplicationContext startDashboard(Simulator github, Path dataDir, String... more) {
        // Command-line arguments, because they outrank application.yml (builder "properties" are only defaults).
        return new SpringApplicationBuilder(GhcrDashboardApplication.class).run(Stream.concat(Stream.of(
                "--server.port=0",
                "--spring.security.oauth2.client.registration.github.client-id=demo-client",
                "--spring.security.oauth2.client.registration.github.client-secret=demo-secret",
                "--ghcr-dashboard.github.api-url=" + github.apiUrl(),
                "--ghcr-dashboard.github.web-url=" + github.baseUrl(),
                "--ghcr-dashboard.registry.url=" + github.baseUrl(),
                "--ghcr-dashboard.registry.service=" + github.registryService(),
                "--ghcr-dashboard.data-dir=" + dataDir,
                // The shipped H2 settings (application.yml), WRITE_DELAY=0 included: every commit reaches the file.
                "--spring.datasource.url=jdbc:h2:file:" + dataDir.resolve("ghcr-dashboard") + ";AUTO_SERVER=FALSE;WRITE_DELAY=0",
                "--logging.level.root=WARN",
                // -Dbench.registry-concurrency=N tries another registry fetch concurrency without editing code.
                "--ghcr-dashboard.registry.concurrency=" + System.getProperty("bench.registry-concurrency", "48")),
                Arrays.stream(more)).toArray(String[]::new));
    }

    /**
     * Runs one request; if it takes longer than 15 s, prints what the dashboard's threads are doing (the
     * dashboard runs in this JVM), so a stall shows its cause instead of only a client timeout.
     */
    private static DashboardHttp.Page watched(Supplier<DashboardHttp.Page> request) {
        var watchdog = Executors.newSingleThreadScheduledExecutor();
        watchdog.schedule(() -> Thread.getAllStackTraces().forEach((thread, stack) -> {
            String frames = Arrays.stream(stack).map(String::valueOf).collect(Collectors.joining("\n    at "));
            if (frames.contains("dev.ghcrdashboard") || thread.getName().startsWith("http-nio")) {
                System.out.println("STALL " + thread.getName() + " " + thread.getState() + "\n    at " + frames);
            }
        }), 15, TimeUnit.SECONDS);
        try {
            return request.get();
        } finally {
            watchdog.shutdownNow();
        }
    }

    /** The cost of rendering one page of versions, which every page view and every htmx poll pays. */
    private record Renders(int count, double cpuMillisEach, long p50, long p90) {
    }

    private static Renders renderRepeatedly(DashboardHttp http) {
        int count = 40;
        List<Long> took = new ArrayList<>();
        CpuMeter cpu = new CpuMeter();
        cpu.start();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            DashboardHttp.Page page = http.get(PACKAGE_PAGE + "?page=2", HTMX);
            took.add((System.nanoTime() - start) / 1_000_000);
            assertThat(rows(page)).isPositive();
        }
        CpuMeter.Usage used = cpu.stop();
        Collections.sort(took);
        return new Renders(count, used.dashboardNanos() / 1e6 / count, took.get(count / 2), took.get(count * 9 / 10));
    }

    static boolean analysing(DashboardHttp.Page page) {
        return page.body().contains("Placing versions") || page.body().contains("Listing versions");
    }

    private static int rows(DashboardHttp.Page page) {
        Matcher matcher = ROW.matcher(page.body());
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    private static String progress(DashboardHttp.Page page) {
        Matcher matcher = PROGRESS.matcher(page.body());
        return matcher.find() ? matcher.group(1) + "/" + matcher.group(2) : "";
    }

    private static String summarise(List<String> seen) {
        if (seen.size() <= 12) {
            return String.join(", ", seen);
        }
        return String.join(", ", seen.subList(0, 6)) + ", … , " + String.join(", ", seen.subList(seen.size() - 6, seen.size()));
    }

    private static long max(RequestCounts counts) {
        return counts.manifestGets().values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    private static String line(String label, Object cold, Object warm) {
        return String.format(Locale.ROOT, "%-48s %14s %14s", label, cold, warm);
    }

    private static long ms(long nanos) {
        return Math.round(nanos / 1e6);
    }

    private static long mib(long bytes) {
        return bytes >> 20;
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }

    /**
     * Estimates concurrency from the simulator's side. Every request waits the injected latency before
     * it is answered and listeners run just before the answer, so request i was in flight at least
     * during [t_i − latency, t_i]; the most such windows overlapping is a lower bound of the real peak.
     */
    static final class Traffic implements Consumer<RecordedExchange> {

        private static final Pattern PACKAGE_OBJECT = Pattern.compile("/api/v3/(orgs|organizations)/[^/]+/packages/container/[^/]+");
        private static final Pattern MANIFEST = Pattern.compile("/v2/.+/manifests/sha256:[0-9a-f]{64}");

        private final List<long[]> answered = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void accept(RecordedExchange exchange) {
            String path = exchange.path();
            long kind = path.startsWith("/api/v3/") ? 0 : path.startsWith("/v2/") || path.equals("/token") ? 1 : 2;
            long detail = 0;
            if (kind == 0 && PACKAGE_OBJECT.matcher(path).matches()) {
                detail = 1;
            } else if (kind == 1 && exchange.status() == 401) {
                detail = 2;
            } else if (kind == 1 && "GET".equals(exchange.method()) && exchange.status() == 200 && MANIFEST.matcher(path).matches()) {
                // What was downloaded, told by the body: an index lists manifests; attestations and signatures carry
                // in-toto statements, DSSE envelopes, Sigstore bundles or cosign's simple signing layers.
                String body = exchange.responseText();
                detail = body.contains("\"manifests\"") ? 3
                        : body.contains("in-toto") || body.contains("dsse") || body.contains("sigstore") || body.contains("cosign") ? 5 : 4;
            }
            answered.add(new long[] {System.nanoTime(), kind, detail});
        }

        void reset() {
            answered.clear();
        }

        /** Waits until no request has reached the simulator for {@code quiet}; returns when the last one was answered. */
        long awaitQuiet(Duration quiet) throws InterruptedException {
            long since = System.nanoTime();
            while (true) {
                long last;
                synchronized (answered) {
                    last = answered.isEmpty() ? since : answered.get(answered.size() - 1)[0];
                }
                if (System.nanoTime() - last >= quiet.toNanos()) {
                    return last;
                }
                Thread.sleep(100);
            }
        }

        /**
         * @param kinds manifest GETs as "indexes / images / attestations+signatures"
         */
        record Summary(int maxRest, int maxRegistry, long packageObject, long registry, long unauthorized, String kinds) {
        }

        Summary summary() {
            List<long[]> copy;
            synchronized (answered) {
                copy = new ArrayList<>(answered);
            }
            long[] details = new long[6];
            long registry = 0;
            for (long[] a : copy) {
                details[(int) a[2]]++;
                registry += a[1] == 1 ? 1 : 0;
            }
            return new Summary(peak(copy, 0), peak(copy, 1), details[1], registry, details[2],
                    details[3] + " / " + details[4] + " / " + details[5]);
        }

        private static int peak(List<long[]> all, long kind) {
            long window = LATENCY.toNanos();
            List<Long> ends = all.stream().filter(a -> a[1] == kind).map(a -> a[0]).sorted().toList();
            int best = 0;
            int from = 0;
            for (int to = 0; to < ends.size(); to++) {
                while (ends.get(to) - ends.get(from) >= window) {
                    from++;
                }
                best = Math.max(best, to - from + 1);
            }
            return best;
        }
    }
}
