package dev.ghcrdashboard.github;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * GitHub's rate limit stops this call: the hourly budget is used up (primary), or GitHub keeps
 * throttling for longer than the client is willing to wait (secondary).
 */
public final class GitHubRateLimitedException extends GitHubException {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final Instant resetAt;
    private final boolean secondary;

    public GitHubRateLimitedException(int status, Instant resetAt, boolean secondary) {
        super(message(resetAt, secondary), status, null);
        this.resetAt = resetAt;
        this.secondary = secondary;
    }

    /** When GitHub will accept requests again. */
    public Instant resetAt() {
        return resetAt;
    }

    /** True for GitHub's secondary (abuse) limit, false for the exhausted hourly budget. */
    public boolean secondary() {
        return secondary;
    }

    private static String message(Instant resetAt, boolean secondary) {
        String when = TIME.format(resetAt.truncatedTo(ChronoUnit.SECONDS));
        return secondary
                ? "GitHub is throttling requests (secondary rate limit). Please try again after " + when + "."
                : "Your GitHub API budget for this hour is used up. It resets at " + when + ".";
    }
}
