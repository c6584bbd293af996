package dev.ghcrdashboard.security;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
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
class SessionStore implements MeterBinder {

    private final JdbcIndexedSessionRepository sessions;
    private final JdbcClient jdbc;
    private final Clock clock;

    SessionStore(JdbcIndexedSessionRepository sessions, JdbcClient jdbc, Clock clock) {
        this.sessions = sessions;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Scheduled(cron = "${ghcr-dashboard.sessions.cleanup-cron:0 * * * * *}")
    @SchedulerLock(name = "sessions.remove-expired", lockAtMostFor = "5m", lockAtLeastFor = "30s")
    void removeExpired() {
        sessions.cleanUpExpiredSessions();
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
