package dev.ghcrdashboard.github;

/** GitHub kept failing (5xx) or did not answer in time, also after retries. */
public final class GitHubUnavailableException extends GitHubException {

    public GitHubUnavailableException(String message, int status, Throwable cause) {
        super(message, status, cause);
    }
}
