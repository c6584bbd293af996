package dev.ghcrdashboard.policies;

import dev.ghcrdashboard.persistence.OnceAcrossInstances;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Starts the runs that are due. The tick takes a scheduler lock ({@link OnceAcrossInstances}) so instances do not all look at once, but what makes a
 * run start exactly once is the claim: each due policy is moved on to its following run time with a conditional
 * UPDATE on the due time read ({@link PolicyStore#claim}), and only the instance whose update counted starts the run.
 * A tick that was missed (every instance down) runs a due policy once when they are back, not once per missed time.
 */
@Component
record PolicyScheduler(PolicyStore policies, PolicyRuns runs, RunStarter runner, Clock clock, OnceAcrossInstances once) {

    private static final Logger log = LoggerFactory.getLogger(PolicyScheduler.class);

    /** A run still planning this long after it started was left behind by an instance that stopped. */
    static final Duration ABANDONED_AFTER = Duration.ofHours(1);

    /** Starts a run in the background and answers its id ({@link PolicyRunner}; a test counts the starts). */
    interface RunStarter {
        long start(RetentionPolicy policy, String cause, String startedBy);
    }

    @Scheduled(fixedDelayString = "${ghcr-dashboard.policies.tick:30s}", initialDelayString = "${ghcr-dashboard.policies.tick:30s}")
    void tick() {
        once.run("retention-policies", Duration.ofMinutes(5), Duration.ZERO, this::startDue);
    }

    /** Starts every run due now that this instance claims; answers how many it started. */
    int startDue() {
        Instant now = clock.instant();
        int abandoned = runs.failAbandoned(now.minus(ABANDONED_AFTER), now);
        if (abandoned > 0) {
            log.warn("Ended {} policy runs that were still planning after {}: the instance running them stopped", abandoned, ABANDONED_AFTER);
        }
        int started = 0;
        for (PolicyStore.Due due : policies.due(now)) {
            var policy = policies.find(due.policyId());
            if (policy.isEmpty() || !policies.claim(due, policy.get().schedule().next(now))) {
                continue; // another instance claimed it first
            }
            log.info("Policy {} of {} is due (at {}); starting a scheduled {} run", policy.get().name(), policy.get().owner(),
                    due.nextRunAt(), policy.get().mode().label().toLowerCase(Locale.ROOT));
            runner.start(policy.get(), "scheduled", policy.get().runAs());
            started++;
        }
        return started;
    }
}
