package dev.ghcrdashboard.visibility;

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
