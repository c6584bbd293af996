package dev.ghcrdashboard.github;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

/**
 * Counts of GitHub REST traffic, so a benchmark or the metrics endpoint can tell how many answers
 * were fresh (200/204, they cost rate limit), how many were 304s confirming a cached body (free), and how
 * many were reused unasked while GitHub said they were fresh. Also published to Micrometer as
 * {@code ghcr.github.responses} and friends, and every answer as
 * {@code ghcr.github.requests{endpoint,method,status}}, where {@code endpoint} is a class of GitHub paths
 * ({@code versions.list}, {@code version}, …), never a path: owners and package names stay out of labels.
 */
@Component
final class GitHubRequestStats implements MeterBinder {

    /**
     * Counts since start.
     *
     * @param reusedFresh answers reused without a request because GitHub said they were still fresh
     */
    public record Snapshot(long fresh, long notModified, long failed, long retries, long rateLimitWaits, long reusedFresh) {

        /** Requests answered or attempted; answers reused unasked are not among them. */
        public long total() {
            return fresh + notModified + failed;
        }
    }

    private final LongAdder fresh = new LongAdder();
    private final LongAdder notModified = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder rateLimitWaits = new LongAdder();
    private final LongAdder reusedFresh = new LongAdder();
    private volatile MeterRegistry registry;

    public Snapshot snapshot() {
        return new Snapshot(fresh.sum(), notModified.sum(), failed.sum(), retries.sum(), rateLimitWaits.sum(), reusedFresh.sum());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        counter(registry, "ghcr.github.responses", fresh, "outcome", "fresh");
        counter(registry, "ghcr.github.responses", notModified, "outcome", "not_modified");
        counter(registry, "ghcr.github.responses", failed, "outcome", "failed");
        counter(registry, "ghcr.github.responses", reusedFresh, "outcome", "reused_fresh");
        counter(registry, "ghcr.github.retries", retries, "cause", "server_error_or_timeout");
        counter(registry, "ghcr.github.retries", rateLimitWaits, "cause", "secondary_rate_limit");
    }

    private static void counter(MeterRegistry registry, String name, LongAdder adder, String tag, String value) {
        FunctionCounter.builder(name, adder, LongAdder::doubleValue).tag(tag, value).register(registry);
    }

    /** One answer (or, with status 0, none) to a call to {@code path}, below the API base. */
    void answered(String method, String path, int status) {
        MeterRegistry meters = registry;
        if (meters == null) {
            return;
        }
        Counter.builder("ghcr.github.requests")
                .description("GitHub REST requests by class of endpoint, method and answer (0 = no answer)")
                .tag("endpoint", endpointClass(path))
                .tag("method", method)
                .tag("status", Integer.toString(status))
                .register(meters)
                .increment();
    }

    private static final List<Map.Entry<Pattern, String>> ENDPOINTS = List.of(
            Map.entry(Pattern.compile(".*/packages/container/[^/]+/versions/\\d+/restore$"), "version.restore"),
            Map.entry(Pattern.compile(".*/packages/container/[^/]+/versions/\\d+$"), "version"),
            Map.entry(Pattern.compile(".*/packages/container/[^/]+/versions$"), "versions.list"),
            Map.entry(Pattern.compile(".*/packages/container/[^/]+/restore$"), "package.restore"),
            Map.entry(Pattern.compile(".*/packages/container/[^/]+$"), "package"),
            Map.entry(Pattern.compile(".*/packages$"), "packages.list"),
            Map.entry(Pattern.compile("(.*/)?(user/orgs|user/memberships/orgs(/[^/]+)?|orgs/[^/]+/memberships/[^/]+|orgs/[^/]+/teams(/.*)?)$"), "memberships"),
            Map.entry(Pattern.compile("(.*/)?(user|users/[^/]+|orgs/[^/]+)$"), "account"),
            Map.entry(Pattern.compile("(.*/)?rate_limit$"), "rate_limit"));

    /** A bounded name for what a path asks for; the query is ignored. */
    static String endpointClass(String path) {
        String plain = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        return ENDPOINTS.stream().filter(entry -> entry.getKey().matcher(plain).matches()).map(Map.Entry::getValue)
                .findFirst().orElse("other");
    }

    void fresh() {
        fresh.increment();
    }

    void notModified() {
        notModified.increment();
    }

    void failed() {
        failed.increment();
    }

    void reusedFresh() {
        reusedFresh.increment();
    }

    void retry() {
        retries.increment();
    }

    void rateLimitWait() {
        rateLimitWaits.increment();
    }
}
