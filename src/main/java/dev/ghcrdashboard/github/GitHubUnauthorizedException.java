package dev.ghcrdashboard.github;

/** GitHub no longer accepts the token (expired, revoked, or the OAuth App lost its grant). */
public final class GitHubUnauthorizedException extends GitHubException {

    public GitHubUnauthorizedException() {
        super("GitHub no longer accepts your sign-in (it may have expired or been revoked). Please sign in again.",
                401, null);
    }
}
