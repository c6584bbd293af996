package dev.ghcrdashboard.cleanup;

import dev.ghcrdashboard.github.GitHubException;
import dev.ghcrdashboard.github.GitHubMissingScopeException;
import dev.ghcrdashboard.github.GitHubRateLimitedException;
import dev.ghcrdashboard.github.GitHubRejectedException;
import dev.ghcrdashboard.github.GitHubUnauthorizedException;

/** What one job item ended with, and why where the state alone does not say it. */
record ItemOutcome(ItemState state, String message) {

    /**
     * A GitHub call of an item failed: a refusal keeps GitHub's own words, any other failure is the item's failure.
     * Rate-limit, sign-in and scope failures are no outcome of the item; they propagate for the runner to wait on.
     */
    static ItemOutcome ofGitHubFailure(GitHubException failure) {
        if (failure instanceof GitHubRateLimitedException || failure instanceof GitHubUnauthorizedException
                || failure instanceof GitHubMissingScopeException) {
            throw failure;
        }
        return failure instanceof GitHubRejectedException rejected
                ? new ItemOutcome(ItemState.REFUSED, rejected.githubMessage())
                : new ItemOutcome(ItemState.FAILED, failure.getMessage());
    }
}
