package dev.ghcrdashboard.github;

import java.time.Instant;

/** How much of GitHub's primary rate limit a token has left, as GitHub last reported it. */
public record RateBudget(int limit, int remaining, int used, Instant resetAt, String resource) {

    public boolean exhausted() {
        return remaining <= 0;
    }
}
