package dev.ghcrdashboard.github;

/**
 * GitHub answered 404. GitHub also answers 404 when the token lacks permission, so this means "not
 * found or you have no access". For a DELETE the caller usually treats it as "already gone".
 */
public final class GitHubNotFoundException extends GitHubException {

    public GitHubNotFoundException(String what) {
        super(what + " was not found on GitHub, or you have no access to it.", 404, null);
    }
}
