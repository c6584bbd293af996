package dev.ghcrdashboard.cleanup;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Cleanup in Micrometer: {@code ghcr.cleanup.jobs{status}} (jobs of all instances, read from the shared
 * database) and {@code ghcr.cleanup.items{kind,outcome}} (a timer per finished item on this instance: how
 * long each took, GitHub call and pacing included). Labels are enum names only: never a package, a person or a token.
 */
@Component
class JobMetrics implements MeterBinder {

    /** Jobs are counted at most this often, however often the gauges are read. */
    private static final Duration COUNT_FOR = Duration.ofSeconds(5);

    /** Looked up when first counted: meter binders are made while the registry is, before the database is needed. */
    private final ObjectProvider<Jobs> jobs;
    private final Clock clock;
    private volatile MeterRegistry registry;
    private volatile Map<JobStatus, Integer> counts = Map.of();
    private volatile Instant countedAt = Instant.MIN;

    JobMetrics(ObjectProvider<Jobs> jobs, Clock clock) {
        this.jobs = jobs;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        for (JobStatus status : JobStatus.values()) {
            Gauge.builder("ghcr.cleanup.jobs", () -> count(status))
                    .description("Cleanup jobs in the shared database, by status")
                    .tag("status", status.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
    }

    void itemEnded(JobKind kind, ItemState outcome, long nanos) {
        MeterRegistry meters = registry;
        if (meters == null) {
            return;
        }
        Timer.builder("ghcr.cleanup.items")
                .description("Finished job items on this instance: duration and outcome")
                .tag("kind", kind.name().toLowerCase(Locale.ROOT))
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(meters)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    private synchronized int count(JobStatus status) {
        Instant now = clock.instant();
        if (Duration.between(countedAt, now).compareTo(COUNT_FOR) >= 0 || countedAt.isAfter(now)) {
            try {
                counts = jobs.getObject().countsByStatus();
                countedAt = now;
            } catch (RuntimeException databaseUnavailable) {
                return counts.getOrDefault(status, 0); // the health endpoint reports the database; keep the last count
            }
        }
        return counts.getOrDefault(status, 0);
    }
}
