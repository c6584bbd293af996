package dev.ghcrdashboard.visibility;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The background watcher of pending changes. */
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
}
