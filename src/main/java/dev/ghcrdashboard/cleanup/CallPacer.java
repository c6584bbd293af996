package dev.ghcrdashboard.cleanup;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket for deletes and restores. It starts with a small burst and then refills at
 * {@code callsPerPeriod} per {@code period}; over any period the calls stay at or below
 * {@code burst + callsPerPeriod}. The burst is kept to 2% so the default 170 per minute stays at most
 * 173 in any minute, under GitHub's ~180 (900 points, DELETE = 5), while a long job runs within
 * about 6% of the limit's minimum time.
 */
final class CallPacer {

    /** How the pacer waits; tests replace it (and the clock) to check the bound without waiting. */
    interface Waiter {
        void await(Object monitor, long millis) throws InterruptedException;
    }

    private final double perNano;
    private final double burst;
    private final LongSupplier nanoTime;
    private final Waiter waiter;
    private double available;
    private long last;

    CallPacer(int callsPerPeriod, Duration period) {
        this(callsPerPeriod, period, System::nanoTime, Object::wait);
    }

    CallPacer(int callsPerPeriod, Duration period, LongSupplier nanoTime, Waiter waiter) {
        this.perNano = (double) callsPerPeriod / period.toNanos();
        this.burst = Math.max(1, callsPerPeriod / 50);
        this.nanoTime = nanoTime;
        this.waiter = waiter;
        this.available = burst;
        this.last = nanoTime.getAsLong();
    }

    /** Blocks until a call may be made. */
    synchronized void acquire() throws InterruptedException {
        while (true) {
            long now = nanoTime.getAsLong();
            available = Math.min(burst, available + (now - last) * perNano);
            last = now;
            if (available >= 1) {
                available -= 1;
                return;
            }
            long waitNanos = (long) Math.ceil((1 - available) / perNano);
            long millis = Math.max(1, waitNanos / 1_000_000);
            waiter.await(this, millis);
        }
    }
}
