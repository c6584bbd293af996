package dev.ghcrdashboard.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Primary (per token per hour) and secondary (per token and endpoint, points per window) REST limits. */
final class RateLimits {

    private static final Duration HOUR = Duration.ofHours(1);

    private final Clock clock;
    private final int limit;
    private final SecondaryLimit secondary;
    private final Map<String, Window> primary = new HashMap<>();
    private final Map<String, Window> secondaryWindows = new HashMap<>();

    RateLimits(Clock clock, int limit, SecondaryLimit secondary) {
        this.clock = clock;
        this.limit = limit;
        this.secondary = secondary;
    }

    private static final class Window {
        Instant start;
        long used;

        Window(Instant start) {
            this.start = start;
        }
    }

    record Status(int limit, long used, long resetEpochSeconds) {

        long remaining() {
            return Math.max(0, limit - used);
        }
    }

    synchronized Status status(String token) {
        Window window = primaryWindow(token);
        return new Status(limit, window.used, window.start.plus(HOUR).getEpochSecond());
    }

    synchronized void charge(String token) {
        primaryWindow(token).used++;
    }

    /** Adds the request's points; answers the seconds to wait when the endpoint's budget is spent, else 0. */
    synchronized long secondaryRetryAfter(String token, String method, String endpoint) {
        if (secondary == null) {
            return 0;
        }
        int cost = method.equals("GET") || method.equals("HEAD") ? 1 : 5;
        Instant now = clock.instant();
        Window window = secondaryWindows.computeIfAbsent(token + " " + method + " " + endpoint, key -> new Window(now));
        Instant end = window.start.plus(secondary.window());
        if (!now.isBefore(end)) {
            window.start = now;
            window.used = 0;
            end = now.plus(secondary.window());
        }
        if (window.used + cost > secondary.points()) {
            long millis = Duration.between(now, end).toMillis();
            return Math.max(1, (millis + 999) / 1000);
        }
        window.used += cost;
        return 0;
    }

    private Window primaryWindow(String token) {
        Instant now = clock.instant();
        Window window = primary.computeIfAbsent(token, key -> new Window(now));
        if (!now.isBefore(window.start.plus(HOUR))) {
            window.start = now;
            window.used = 0;
        }
        return window;
    }
}
