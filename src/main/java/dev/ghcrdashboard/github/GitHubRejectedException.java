package dev.ghcrdashboard.github;

/**
 * GitHub refused the request and said why (400, 422 and similar), for example "You cannot delete
 * the last version of a package" or the rule against deleting public versions with more than
 * 5,000 downloads. {@link #githubMessage()} is GitHub's own wording.
 */
public final class GitHubRejectedException extends GitHubException {

    private final String githubMessage;

    public GitHubRejectedException(int status, String githubMessage) {
        this(status, githubMessage, "GitHub refused: " + githubMessage);
    }

    public GitHubRejectedException(int status, String githubMessage, String message) {
        super(message, status, null);
        this.githubMessage = githubMessage;
    }

    public String githubMessage() {
        return githubMessage;
    }
}
