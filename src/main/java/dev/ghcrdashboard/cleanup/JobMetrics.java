package dev.ghcrdashboard.cleanup;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Cleanup in Micrometer: {@code ghcr.cleanup.jobs{status}} (jobs of all instances, read from the shared
 * database) and {@code ghcr.cleanup.items{kind,outcome}} (a timer per finished item on this instance: how
 * long each took, GitHub call and pacing included). Labels are enum names only: never a package, a person or a token.
 */
@Component
class JobMetrics {

    /** Jobs are counted at most this often, however often the gauges are read. */
    private static final Duration COUNT_FOR = Duration.ofSeconds(5);

    private final Jobs jobs;
    private final MeterRegistry registry;
    private final Clock clock;
    private volatile Map<JobStatus, Integer> counts = Map.of();
    private volatile Instant countedAt = Instant.MIN;

    JobMetrics(Jobs jobs, MeterRegistry registry, Clock clock) {
        this.jobs = jobs;
        this.registry = registry;
        this.clock = clock;
        for (JobStatus status : JobStatus.values()) {
            Gauge.builder("ghcr.cleanup.jobs", () -> count(status))
                    .description("Cleanup jobs in the shared database, by status")
                    .tag("status", status.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
    }

    void itemEnded(JobKind kind, ItemState outcome, long nanos) {
        Timer.builder("ghcr.cleanup.items")
                .description("Finished job items on this instance: duration and outcome")
                .tag("kind", kind.name().toLowerCase(Locale.ROOT))
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    private synchronized int count(JobStatus status) {
        Instant now = clock.instant();
        if (Duration.between(countedAt, now).compareTo(COUNT_FOR) >= 0 || countedAt.isAfter(now)) {
            try {
                counts = jobs.countsByStatus();
                countedAt = now;
            } catch (RuntimeException databaseUnavailable) {
                return counts.getOrDefault(status, 0); // the health endpoint reports the database; keep the last count
            }
        }
        return counts.getOrDefault(status, 0);
    }
}
