package dev.ghcrdashboard.visibility;

import dev.ghcrdashboard.persistence.OnceAcrossInstances;
import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The background watcher of pending changes and the optional scheduled drift re-check.
 *
 * <p>With several instances: the watcher runs on every instance, and each polls only the changes it holds the
 * person's token for (in memory, handed over by the page that follows the change); a change's outcome is written
 * by a conditional update, so it is recorded once whichever instance sees it first. The drift re-check runs once
 * per owner across instances.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class VisibilityScheduling {

    @Component
    record ChangeWatcher(VisibilityChanges changes) {

        @Scheduled(fixedDelayString = "${ghcr-dashboard.visibility.poll-interval:5s}",
                initialDelayString = "${ghcr-dashboard.visibility.poll-interval:5s}")
        void poll() {
            changes.pollWaiting();
        }
    }

    /**
     * Proves, in the background, the packages pages listed (VisibilityProofs#proveDue), so lists, package pages and the
     * drift report show a real proof instead of "not proved yet". Anonymous registry requests only: no token is used
     * and no GitHub API budget is spent. One instance at a time proves: the others find the lock taken and skip.
     */
    @Component
    record BackgroundProver(VisibilityProofs proofs, ProofProperties properties, Clock clock, OnceAcrossInstances once) {

        @Scheduled(fixedDelayString = "${ghcr-dashboard.visibility.proofs.interval:10s}",
                initialDelayString = "${ghcr-dashboard.visibility.proofs.interval:10s}")
        void prove() {
            once.run("visibility.background-proofs", Duration.ofMinutes(5), Duration.ZERO,
                    () -> proofs.proveDue(clock.instant().minus(properties.maxAge()), properties.perRun()));
        }
    }

    /**
     * Off unless {@code ghcr-dashboard.visibility.drift-recheck-interval} is set. Every instance fires on the
     * interval; a scheduler lock per owner in the shared database, held for nine tenths of the interval, lets
     * only the first of them re-check that owner: the others find it taken and skip.
     */
    @Component
    @ConditionalOnProperty("ghcr-dashboard.visibility.drift-recheck-interval")
    record DriftRechecker(VisibilityDrift drift, OnceAcrossInstances once, VisibilityProperties properties) {

        @Scheduled(fixedDelayString = "${ghcr-dashboard.visibility.drift-recheck-interval}",
                initialDelayString = "${ghcr-dashboard.visibility.drift-recheck-interval}")
        void recheck() {
            Duration interval = properties.driftRecheckInterval();
            drift.recheckRecentlyViewed((owner, recheck) -> once.run("visibility.drift-recheck." + owner,
                    interval.plusMinutes(10), interval.multipliedBy(9).dividedBy(10), recheck));
        }
    }
}
