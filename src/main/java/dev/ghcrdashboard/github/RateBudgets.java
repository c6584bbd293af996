package dev.ghcrdashboard.github;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.http.HttpHeaders;

import dev.ghcrdashboard.caching.CacheStatistics;

/** The latest {@code x-ratelimit-*} figures per token, for as many tokens as recently seen. */
final class RateBudgets {

    private final Cache<TokenKey, RateBudget> latest;

    RateBudgets(CacheStatistics caches) {
        this.latest = caches.register("github.rate-budgets", Caffeine.newBuilder()
                // One small entry per token in use; tokens nobody uses any more must not pile up.
                .maximumSize(10_000)
                .recordStats()
                .build());
    }

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
    void record(TokenKey token, RateBudget budget) {
        latest.asMap().merge(token, budget, (old, now) -> {
            if (!old.resource().equals(now.resource()) || !old.resetAt().equals(now.resetAt())) {
                return now.resetAt().isBefore(old.resetAt()) && old.resource().equals(now.resource()) ? old : now;
            }
            return now.remaining() <= old.remaining() ? now : old;
        });
    }

    Optional<RateBudget> latest(TokenKey token) {
        return Optional.ofNullable(latest.getIfPresent(token));
    }

    /**
     * The least primary ({@code core}) budget left among tokens of one class whose window has not reset yet:
     * the person closest to being refused. NaN when no such token was seen in its current window.
     */
    double lowestRemaining(String tokenClass, Instant now) {
        return latest.asMap().entrySet().stream()
                .filter(entry -> entry.getKey().tokenClass().equals(tokenClass))
                .map(Map.Entry::getValue)
                .filter(budget -> budget.resource().equals("core") && budget.resetAt().isAfter(now))
                .mapToDouble(RateBudget::remaining)
                .min().orElse(Double.NaN);
    }
}
