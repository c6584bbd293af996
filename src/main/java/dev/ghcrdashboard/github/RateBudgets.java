package dev.ghcrdashboard.github;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpHeaders;

/** The latest {@code x-ratelimit-*} figures per token, for as many tokens as recently seen. */
final class RateBudgets {

    private static final int MAX_TOKENS = 10_000;

    private final Map<TokenKey, RateBudget> latest = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<TokenKey, RateBudget> eldest) {
            return size() > MAX_TOKENS;
        }
    };

    static Optional<RateBudget> fromHeaders(HttpHeaders headers) {
        try {
            String limit = headers.getFirst("x-ratelimit-limit");
            String remaining = headers.getFirst("x-ratelimit-remaining");
            String reset = headers.getFirst("x-ratelimit-reset");
            if (limit == null || remaining == null || reset == null) {
                return Optional.empty();
            }
            String used = headers.getFirst("x-ratelimit-used");
            String resource = headers.getFirst("x-ratelimit-resource");
            int limitValue = Integer.parseInt(limit.trim());
            int remainingValue = Integer.parseInt(remaining.trim());
            return Optional.of(new RateBudget(limitValue, remainingValue,
                    used == null ? limitValue - remainingValue : Integer.parseInt(used.trim()),
                    Instant.ofEpochSecond(Long.parseLong(reset.trim())),
                    resource == null ? "core" : resource.trim()));
        }
        catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Answers to concurrent requests arrive in any order; within one reset window the lowest
     * remaining count is the most recent truth.
     */
    synchronized void record(TokenKey token, RateBudget budget) {
        latest.merge(token, budget, (old, now) -> {
            if (!old.resource().equals(now.resource()) || !old.resetAt().equals(now.resetAt())) {
                return now.resetAt().isBefore(old.resetAt()) && old.resource().equals(now.resource()) ? old : now;
            }
            return now.remaining() <= old.remaining() ? now : old;
        });
    }

    synchronized Optional<RateBudget> latest(TokenKey token) {
        return Optional.ofNullable(latest.get(token));
    }
}
