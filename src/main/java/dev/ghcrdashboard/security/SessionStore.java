package dev.ghcrdashboard.security;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import dev.ghcrdashboard.persistence.OnceAcrossInstances;
import java.time.Clock;
import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.stereotype.Component;

/**
 * The sessions table (Spring Session JDBC, migration V50): removes expired sessions once a minute on one
 * instance at a time (Spring Session's own per-instance clean-up is switched off with
 * {@code spring.session.jdbc.cleanup-cron: "-"}), and publishes {@code ghcr.sessions.active}, the sessions of
 * all instances that have not expired.
 */
@Component
record SessionStore(JdbcIndexedSessionRepository sessions, JdbcClient jdbc, Clock clock, OnceAcrossInstances once)
        implements MeterBinder {

    @Scheduled(cron = "${ghcr-dashboard.sessions.cleanup-cron:0 * * * * *}")
    void removeExpired() {
        once.run("sessions.remove-expired", Duration.ofMinutes(5), Duration.ofSeconds(30), sessions::cleanUpExpiredSessions);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("ghcr.sessions.active", this::active)
                .description("Sessions of all instances that have not expired (signed in or signing in)")
                .register(registry);
    }

    private double active() {
        try {
            return jdbc.sql("SELECT COUNT(*) FROM SPRING_SESSION WHERE EXPIRY_TIME > :now")
                    .param("now", clock.millis()).query(Long.class).single();
        } catch (RuntimeException databaseUnavailable) {
            return Double.NaN; // unknown; the health endpoint says why (the database)
        }
    }
}
