package dev.ghcrdashboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.simulator.RequestCounts;
import dev.ghcrdashboard.simulator.Scenario;
import dev.ghcrdashboard.simulator.Simulator;
import dev.ghcrdashboard.simulator.SimulatorOptions;
import dev.ghcrdashboard.support.DashboardHttp;
import dev.ghcrdashboard.support.DashboardProcess;
import dev.ghcrdashboard.support.RealPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 9's load benchmark: two dashboard processes (512 MB heap each) on one PostgreSQL behind a round-robin
 * client-side balancer (every request of a person goes to the other instance than the one before, so sessions
 * must be shared), 50 signed-in people browsing owners, package lists, the 10,000-version package and version
 * pages for 2 minutes, against the simulator with 50 ms latency per request. It prints throughput, p50/p95/p99
 * per page, errors, GitHub requests per page view, manifest downloads per digest, and heap per instance. It asserts
 * only correctness (no manifest fetched twice), never time. Run with
 * {@code ./mvnw test -Pbenchmark -Dtest=TeamLoadBenchmark}; {@code -Dbench.users=50 -Dbench.duration=120
 * -Dbench.think-ms=1000 -Dbench.latency-ms=50} change the load. Figures are kept in docs/benchmarks.md.
 */
@Tag("benchmark")
class TeamLoadBenchmark {

    private static final int USERS = Integer.getInteger("bench.users", 50);
    private static final Duration RUN = Duration.ofSeconds(Integer.getInteger("bench.duration", 120));
    private static final Duration THINK = Duration.ofMillis(Integer.getInteger("bench.think-ms", 1000));
    private static final Duration LATENCY = Duration.ofMillis(Integer.getInteger("bench.latency-ms", 50));
    private static final String BIG = "/owners/acme/packages/big";
    /** Each instance runs as the image runs it, with a heap of its own size. */
    private static final List<String> INSTANCE_JVM =
            Stream.concat(DashboardProcess.imageJvmOptions().stream(), Stream.of("-Xmx512m")).toList();
    private static final Pattern VERSION_ID = Pattern.compile("data-version-id=\"(\\d+)\"");
    private static final Pattern HEAP = Pattern.compile("(?m)^jvm_memory_used_bytes\\{area=\"heap\"[^}]*} (\\S+)$");
    private static final Map<String, String> HTMX = Map.of("HX-Request", "true", "Accept", "*/*");
    /** How long a request may wait before the instance's threads are dumped. */
    private static final Duration STALL = Duration.ofSeconds(15);
    private static final ScheduledExecutorService STALLS = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "stall-watch");
        thread.setDaemon(true);
        return thread;
    });
    private static final AtomicInteger STALL_DUMPS = new AtomicInteger();

    enum Page { OWNER_HOME, PACKAGE_LIST, BIG_PACKAGE, VERSION }

    @Test
    void fiftyPeopleOnTwoInstances() throws Exception {
        Path work = Files.createTempDirectory("ghcr-team-bench-");
        RealPostgres.Database database = RealPostgres.newDatabase();
        try (Simulator github = Simulator.start(Scenario.load("classpath:scenarios/browse-benchmark.yml"),
                SimulatorOptions.defaults().withLatency(LATENCY))) {
            List<DashboardProcess> instances = List.of(
                    DashboardProcess.start("a", work, settings("a", github, database, work), INSTANCE_JVM),
                    DashboardProcess.start("b", work, settings("b", github, database, work), INSTANCE_JVM));
            try {
                // Warm-up, measured: the first person opens acme/big on A (cold: nothing cached anywhere), then on B
                // (its manifests are in the shared database by then, so B fetches none from the registry).
                var first = new DashboardHttp(instances.get(0).url());
                first.signIn("octocat");
                long coldA = analyse(first, BIG);
                long coldB = analyse(first.at(instances.get(1).url()), BIG);
                List<Long> versionIds = versionIds(first.get(BIG).body());
                assertThat(versionIds).isNotEmpty();
                RequestCounts afterWarmUp = github.control().counts();

                List<DashboardHttp> people = new ArrayList<>();
                for (int i = 0; i < USERS; i++) {
                    var person = new DashboardHttp(instances.get(i % 2).url());
                    assertThat(person.signIn("octocat").status()).isEqualTo(200);
                    people.add(person);
                }
                github.control().resetCounts();

                Map<Page, List<Long>> latencies = new EnumMap<>(Page.class);
                for (Page page : Page.values()) {
                    latencies.put(page, new CopyOnWriteArrayList<>());
                }
                Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
                Map<String, Long> maxHeap = new ConcurrentHashMap<>();
                Instant end = Instant.now().plus(RUN);
                ExecutorService pool = Executors.newFixedThreadPool(USERS + 1);
                List<Future<?>> running = new ArrayList<>();
                for (int i = 0; i < USERS; i++) {
                    int person = i;
                    running.add(pool.submit(() -> {
                        browse(person, people.get(person), instances, versionIds, end, latencies, errors);
                        return null;
                    }));
                }
                running.add(pool.submit(() -> {
                    watchHeap(instances, end, maxHeap);
                    return null;
                }));
                for (Future<?> future : running) {
                    future.get();
                }
                pool.shutdown();
                RequestCounts during = github.control().counts();

                long views = latencies.values().stream().mapToLong(List::size).sum();
                long maxGetsPerDigest = maxGets(afterWarmUp, during);
                List<String> report = new ArrayList<>(List.of("",
                        String.format(Locale.ROOT, "Team load benchmark: %d people, 2 instances (%s) on one PostgreSQL, %d s,"
                                + " %d ms think time, %d ms simulator latency; %s, %d cores", USERS, String.join(" ", INSTANCE_JVM), RUN.toSeconds(), THINK.toMillis(),
                                LATENCY.toMillis(), Instant.now().toString().substring(0, 16) + "Z", Runtime.getRuntime().availableProcessors()),
                        String.format(Locale.ROOT, "warm-up: acme/big analysed cold on A in %d ms, then on B in %d ms", coldA, coldB),
                        "each instance's log and access log (status, bytes sent, time): " + work.toAbsolutePath(),
                        String.format(Locale.ROOT, "page views %d (%.1f/s), errors %d %s", views, views / (double) RUN.toSeconds(),
                                errors.values().stream().mapToLong(AtomicLong::get).sum(), errors),
                        String.format(Locale.ROOT, "%-16s %8s %8s %8s %8s %8s", "page", "count", "p50 ms", "p95 ms", "p99 ms", "max ms")));
                latencies.forEach((page, times) -> report.add(row(page.name(), times)));
                report.add(String.format(Locale.ROOT, "GitHub REST requests during the run: %d (%d answered 304), %.2f per page view",
                        during.rest(), during.restNotModified(), during.rest() / (double) Math.max(1, views)));
                report.add(String.format(Locale.ROOT, "registry: %d token requests, %d manifest GETs during the run; warm-up %d manifest GETs"
                                + " for %d digests; max GETs of one digest over the whole benchmark: %d",
                        during.registryTokens(), during.totalManifestGets(), afterWarmUp.totalManifestGets(),
                        afterWarmUp.manifestGets().size(), maxGetsPerDigest));
                report.add("max heap used per instance (MiB, sampled every 2 s): " + maxHeap);
                String text = String.join("\n", report) + "\n";
                System.out.println(text);
                Path out = Path.of("target", "benchmark", "team-load.txt");
                Files.createDirectories(out.getParent());
                Files.writeString(out, text);
                // Checked after the figures are printed, so a run that breaks it still shows what it measured.
                assertThat(maxGetsPerDigest).as("each manifest fetched once across users and instances").isLessThanOrEqualTo(1);
            } finally {
                instances.forEach(DashboardProcess::close);
            }
        }
    }

    private static Map<String, String> settings(String name, Simulator github, RealPostgres.Database database, Path work) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spring.security.oauth2.client.registration.github.client-id", "demo-client");
        settings.put("spring.security.oauth2.client.registration.github.client-secret", "demo-secret");
        settings.put("ghcr-dashboard.github.api-url", github.apiUrl().toString());
        settings.put("ghcr-dashboard.github.web-url", github.baseUrl().toString());
        settings.put("ghcr-dashboard.registry.url", github.baseUrl().toString());
        settings.put("ghcr-dashboard.registry.service", github.registryService());
        settings.put("ghcr-dashboard.instance-name", name);
        settings.put("ghcr-dashboard.data-dir", work.resolve("data-" + name).toString());
        settings.put("ghcr-dashboard.metrics.prometheus", "true");
        settings.put("spring.datasource.url", database.jdbcUrl());
        settings.put("spring.datasource.username", database.user());
        settings.put("spring.datasource.password", database.password());
        settings.put("ghcr-dashboard.secret-key", "team load benchmark key, long enough");
        settings.put("logging.level.root", "WARN");
        // What each instance thinks it sent (status, bytes, time), to set beside any response a person saw cut short.
        settings.put("server.tomcat.accesslog.enabled", "true");
        settings.put("server.tomcat.accesslog.directory", work.resolve("access-" + name).toString());
        settings.put("server.tomcat.accesslog.pattern", "%{end:HH:mm:ss.SSS}t %I %r %s %b %Dms");
        return settings;
    }

    /** One person's loop: their requests alternate between the instances, as a balancer without stickiness sends them. */
    private static void browse(int person, DashboardHttp http, List<DashboardProcess> instances, List<Long> versionIds,
                               Instant end, Map<Page, List<Long>> latencies, Map<String, AtomicLong> errors)
            throws InterruptedException {
        int request = person;
        Page[] pages = Page.values();
        while (Instant.now().isBefore(end)) {
            Page page = pages[request % pages.length];
            DashboardHttp at = http.at(instances.get(request % 2).url());
            String path = switch (page) {
                case OWNER_HOME -> "/";
                case PACKAGE_LIST -> "/owners/acme/packages";
                case BIG_PACKAGE -> BIG;
                case VERSION -> "/owners/acme/versions/" + versionIds.get(ThreadLocalRandom.current().nextInt(versionIds.size()))
                        + "?package=big";
            };
            long start = System.nanoTime();
            DashboardProcess instance = instances.get(request % 2);
            ScheduledFuture<?> stall = STALLS.schedule(() -> dumpThreads(instance, page), STALL.toMillis(), TimeUnit.MILLISECONDS);
            try {
                DashboardHttp.Page answer = at.get(path);
                long took = System.nanoTime() - start;
                if (answer.status() != 200 || answer.uri().getPath().startsWith("/login")) {
                    errors.computeIfAbsent(page + " " + answer.status(), key -> new AtomicLong()).incrementAndGet();
                } else {
                    latencies.get(page).add(took);
                }
            } catch (RuntimeException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                String message = String.valueOf(cause.getMessage());
                long seconds = (System.nanoTime() - start) / 1_000_000_000L;
                System.out.println("ERROR at " + LocalTime.now() + " (" + seconds + " s after sending): GET " + path + " on "
                        + instance.name() + ": " + cause);
                errors.computeIfAbsent(page + " on " + instance.name() + " after " + seconds + " s: " + cause.getClass().getSimpleName()
                        + " (" + message.substring(0, Math.min(60, message.length())) + ")", key -> new AtomicLong()).incrementAndGet();
            } finally {
                stall.cancel(false);
            }
            request++;
            Thread.sleep(THINK.toMillis());
        }
    }

    /**
     * A request that has waited {@link #STALL}: what the instance's threads are doing now goes to
     * {@code target/benchmark/stall-N.txt} (the first few only), so a response that stops half-way can be explained.
     */
    private static void dumpThreads(DashboardProcess instance, Page page) {
        int n = STALL_DUMPS.incrementAndGet();
        if (n > 3) {
            return;
        }
        Path out = Path.of("target", "benchmark", "stall-" + n + ".txt");
        try {
            Files.createDirectories(out.getParent());
            Process jcmd = new ProcessBuilder("jcmd", String.valueOf(instance.pid()), "Thread.print")
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            jcmd.waitFor(30, TimeUnit.SECONDS);
            System.out.println("STALL: a " + page + " request to " + instance.name() + " has waited " + STALL.toSeconds()
                    + " s; its threads: " + out.toAbsolutePath());
        } catch (IOException | InterruptedException e) {
            System.out.println("STALL: a " + page + " request to " + instance.name() + " has waited; no thread dump (" + e + ")");
        }
    }

    private static void watchHeap(List<DashboardProcess> instances, Instant end, Map<String, Long> maxHeap)
            throws InterruptedException {
        var scraper = new DashboardHttp(instances.get(0).url());
        while (Instant.now().isBefore(end)) {
            for (DashboardProcess instance : instances) {
                Matcher pools = HEAP.matcher(scraper.at(instance.url()).get("/actuator/prometheus", Map.of("Accept", "text/plain")).body());
                double used = 0;
                while (pools.find()) {
                    used += Double.parseDouble(pools.group(1));
                }
                maxHeap.merge(instance.name(), (long) used >> 20, Math::max);
            }
            Thread.sleep(2000);
        }
    }

    /** Opens the package page and polls it as htmx does until the analysis is complete; answers the time taken. */
    private static long analyse(DashboardHttp http, String path) throws InterruptedException {
        long start = System.nanoTime();
        DashboardHttp.Page page = http.get(path);
        while (BrowseBenchmark.analysing(page)) {
            Thread.sleep(1000);
            page = http.get(path, HTMX);
        }
        assertThat(page.body()).doesNotContain("could not be read");
        return Math.round((System.nanoTime() - start) / 1e6);
    }

    private static List<Long> versionIds(String body) {
        List<Long> ids = new ArrayList<>();
        Matcher id = VERSION_ID.matcher(body);
        while (id.find()) {
            ids.add(Long.parseLong(id.group(1)));
        }
        return ids;
    }

    private static long maxGets(RequestCounts warmUp, RequestCounts during) {
        Map<String, Long> total = new LinkedHashMap<>(warmUp.manifestGets());
        during.manifestGets().forEach((digest, gets) -> total.merge(digest, gets, Long::sum));
        return total.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    private static String row(String page, List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "%-16s %8d %8s %8s %8s %8s", page, sorted.size(), percentile(sorted, 50),
                percentile(sorted, 95), percentile(sorted, 99), sorted.isEmpty() ? "-" : Math.round(sorted.get(sorted.size() - 1) / 1e6));
    }

    private static String percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return "-";
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return Long.toString(Math.round(sorted.get(Math.max(0, index)) / 1e6));
    }
}
