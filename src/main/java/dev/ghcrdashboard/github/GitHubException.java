package dev.ghcrdashboard.github;

/**
 * Something GitHub refused or could not do. Every message is fit to show to the person using the
 * dashboard and never contains the access token.
 */
public sealed class GitHubException extends RuntimeException
        permits GitHubUnauthorizedException, GitHubNotFoundException, GitHubMissingScopeException,
        GitHubRateLimitedException, GitHubRejectedException, GitHubUnavailableException {

    private final int status;

    public GitHubException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** HTTP status GitHub answered with, or 0 when no answer arrived (timeout, connection failure). */
    public int status() {
        return status;
    }
}
