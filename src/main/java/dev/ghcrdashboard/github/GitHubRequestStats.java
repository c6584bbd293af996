package dev.ghcrdashboard.github;

import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

/**
 * Counts of GitHub REST traffic, so a benchmark or the metrics endpoint can tell how many answers
 * were fresh (200/204, they cost rate limit) and how many were 304s confirming a cached body
 * (free). Also published to Micrometer as {@code ghcr.github.responses} and friends.
 */
@Component
final class GitHubRequestStats implements MeterBinder {

    /** Counts since start. */
    public record Snapshot(long fresh, long notModified, long failed, long retries, long rateLimitWaits) {

        public long total() {
            return fresh + notModified + failed;
        }
    }

    private final LongAdder fresh = new LongAdder();
    private final LongAdder notModified = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder rateLimitWaits = new LongAdder();

    public Snapshot snapshot() {
        return new Snapshot(fresh.sum(), notModified.sum(), failed.sum(), retries.sum(), rateLimitWaits.sum());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "ghcr.github.responses", fresh, "outcome", "fresh");
        counter(registry, "ghcr.github.responses", notModified, "outcome", "not_modified");
        counter(registry, "ghcr.github.responses", failed, "outcome", "failed");
        counter(registry, "ghcr.github.retries", retries, "cause", "server_error_or_timeout");
        counter(registry, "ghcr.github.retries", rateLimitWaits, "cause", "secondary_rate_limit");
    }

    private static void counter(MeterRegistry registry, String name, LongAdder adder, String tag, String value) {
        FunctionCounter.builder(name, adder, LongAdder::doubleValue).tag(tag, value).register(registry);
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

    void retry() {
        retries.increment();
    }

    void rateLimitWait() {
        rateLimitWaits.increment();
    }
}
