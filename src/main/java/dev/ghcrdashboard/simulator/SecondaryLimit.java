package dev.ghcrdashboard.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * GitHub's secondary rate limit: at most {@code points} per endpoint per {@code window} and token,
 * where a GET costs 1 point and a DELETE/POST 5. GitHub's window is a minute; benchmarks shrink it to
 * scale time down.
 */
public record SecondaryLimit(int points, Duration window) {

    public SecondaryLimit {
        Objects.requireNonNull(window, "window");
        if (points <= 0 || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("points and window must be positive");
        }
    }

    /** GitHub's documented limit: 900 points per minute per endpoint. */
    public static SecondaryLimit github() {
        return new SecondaryLimit(900, Duration.ofSeconds(60));
    }
}
