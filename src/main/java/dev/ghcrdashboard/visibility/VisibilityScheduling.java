package dev.ghcrdashboard.visibility;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The background watcher of pending changes and the optional scheduled drift re-check. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class VisibilityScheduling {

    @Component
    static class ChangeWatcher {

        private final VisibilityChanges changes;

        ChangeWatcher(VisibilityChanges changes) {
            this.changes = changes;
        }

        @Scheduled(fixedDelayString = "${ghcr-dashboard.visibility.poll-interval:5s}",
                initialDelayString = "${ghcr-dashboard.visibility.poll-interval:5s}")
        void poll() {
            changes.pollWaiting();
        }
    }

    /**
     * Proves, in the background, the packages pages listed (VisibilityProofs#proveDue), so lists, package pages and the
     * drift report show a real proof instead of "not proved yet". Anonymous registry requests only: no token is used
     * and no GitHub API budget is spent. Once scheduled work is locked across instances (ShedLock), a
     * {@code @SchedulerLock(name = "background-proofs")} on {@link #prove()} is all this needs.
     */
    @Component
    static class BackgroundProver {

        private final VisibilityProofs proofs;
        private final ProofProperties properties;
        private final Clock clock;

        BackgroundProver(VisibilityProofs proofs, ProofProperties properties, Clock clock) {
            this.proofs = proofs;
            this.properties = properties;
            this.clock = clock;
        }

        @Scheduled(fixedDelayString = "${ghcr-dashboard.visibility.proofs.interval:10s}",
                initialDelayString = "${ghcr-dashboard.visibility.proofs.interval:10s}")
        void prove() {
            proofs.proveDue(clock.instant().minus(properties.maxAge()), properties.perRun());
        }
    }

    /** Off unless {@code ghcr-dashboard.visibility.drift-recheck-interval} is set. */
    @Component
    @ConditionalOnProperty("ghcr-dashboard.visibility.drift-recheck-interval")
    static class DriftRechecker {

        private final VisibilityDrift drift;

        DriftRechecker(VisibilityDrift drift) {
            this.drift = drift;
        }

        @Scheduled(fixedDelayString = "${ghcr-dashboard.visibility.drift-recheck-interval}",
                initialDelayString = "${ghcr-dashboard.visibility.drift-recheck-interval}")
        void recheck() {
            drift.recheckRecentlyViewed();
        }
    }
}
