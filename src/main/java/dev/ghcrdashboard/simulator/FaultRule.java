package dev.ghcrdashboard.simulator;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An injected failure. Requests whose method matches (any when {@code null}) and whose raw path
 * (with query) contains a match of {@code pathRegex} are counted; the first {@code afterMatches} of
 * them pass untouched, the next {@code times} (0 = unlimited) are answered with {@code status} (or, when
 * status is 0, delayed by {@code delay} and then served normally, to provoke client timeouts).
 *
 * @param retryAfterSeconds sent as {@code retry-after} when positive
 * @param secondaryLimit answer with GitHub's secondary-rate-limit JSON object body
 */
public record FaultRule(
        String method,
        String pathRegex,
        int afterMatches,
        int times,
        int status,
        int retryAfterSeconds,
        boolean secondaryLimit,
        Duration delay) {

    public FaultRule {
        Objects.requireNonNull(pathRegex, "pathRegex");
        Pattern.compile(pathRegex);
        delay = delay == null ? Duration.ZERO : delay;
        if (status == 0 && delay.isZero()) {
            throw new IllegalArgumentException("a fault needs a status or a delay");
        }
    }

    /** Answer every matching request with {@code status} (e.g. 500, 502, 429). */
    public static FaultRule status(String method, String pathRegex, int status) {
        return new FaultRule(method, pathRegex, 0, 0, status, 0, false, Duration.ZERO);
    }

    /** Answer with GitHub's secondary-limit 403 and {@code retry-after}. */
    public static FaultRule secondaryLimit(String method, String pathRegex, int retryAfterSeconds) {
        return new FaultRule(method, pathRegex, 0, 0, 403, retryAfterSeconds, true, Duration.ZERO);
    }

    /** Hold matching requests for {@code delay} before serving them normally. */
    public static FaultRule delay(String method, String pathRegex, Duration delay) {
        return new FaultRule(method, pathRegex, 0, 0, 0, 0, false, delay);
    }

    public FaultRule afterMatches(int count) {
        return new FaultRule(method, pathRegex, count, times, status, retryAfterSeconds, secondaryLimit, delay);
    }

    public FaultRule times(int count) {
        return new FaultRule(method, pathRegex, afterMatches, count, status, retryAfterSeconds, secondaryLimit, delay);
    }

    public FaultRule retryAfter(int seconds) {
        return new FaultRule(method, pathRegex, afterMatches, times, status, seconds, secondaryLimit, delay);
    }
}
