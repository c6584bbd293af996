package dev.ghcrdashboard.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The pacer's promise, checked on a simulated clock (waiting advances it) so nothing sleeps: with the
 * default 170 calls a minute no minute ever sees more than 173 calls — under GitHub's 180 deletes
 * (900 points, 5 per DELETE) — and a long run takes close to the limit's minimum time.
 */
class CallPacerTest {

    private static final long MINUTE = Duration.ofMinutes(1).toNanos();

    @Test
    void noMinuteSeesMoreThanTheRatePlusTheSmallBurst() throws InterruptedException {
        List<Long> callTimes = pace(170, 1_000);

        int most = 0;
        int windowStart = 0;
        for (int i = 0; i < callTimes.size(); i++) {
            while (callTimes.get(i) - callTimes.get(windowStart) >= MINUTE) {
                windowStart++;
            }
            most = Math.max(most, i - windowStart + 1);
        }
        assertThat(most).as("calls in the busiest minute").isLessThanOrEqualTo(173).isLessThan(180);
    }

    @Test
    void aThousandCallsTakeCloseToTheLimitsMinimum() throws InterruptedException {
        List<Long> callTimes = pace(170, 1_000);

        double minutes = (double) callTimes.get(callTimes.size() - 1) / MINUTE;
        double limitMinimum = 1_000 / 180.0;
        assertThat(minutes / limitMinimum).as("run time relative to 180 per minute").isBetween(1.0, 1.10);
    }

    private static List<Long> pace(int callsPerMinute, int calls) throws InterruptedException {
        var clock = new AtomicLong();
        var pacer = new CallPacer(callsPerMinute, Duration.ofMinutes(1), clock::get,
                (monitor, millis) -> clock.addAndGet(Duration.ofMillis(millis).toNanos()));
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            pacer.acquire();
            times.add(clock.get());
        }
        return times;
    }
}
