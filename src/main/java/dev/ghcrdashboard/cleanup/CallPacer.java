package dev.ghcrdashboard.cleanup;

import java.time.Duration;

/**
 * A token bucket for deletes and restores. It starts with a small burst and then refills at
 * {@code callsPerPeriod} per {@code period}; over any period the calls stay below
 * {@code burst + callsPerPeriod}, which the defaults keep under GitHub's ~180 per minute.
 */
final class CallPacer {

    private final double perNano;
    private final double burst;
    private double available;
    private long last;

    CallPacer(int callsPerPeriod, Duration period) {
        this.perNano = (double) callsPerPeriod / period.toNanos();
        this.burst = Math.max(1, callsPerPeriod / 10);
        this.available = burst;
        this.last = System.nanoTime();
    }

    /** Blocks until a call may be made. */
    synchronized void acquire() throws InterruptedException {
        while (true) {
            long now = System.nanoTime();
            available = Math.min(burst, available + (now - last) * perNano);
            last = now;
            if (available >= 1) {
                available -= 1;
                return;
            }
            long waitNanos = (long) Math.ceil((1 - available) / perNano);
            long millis = Math.max(1, waitNanos / 1_000_000);
            wait(millis);
        }
    }
}
