package dev.ghcrdashboard.github;

import java.util.Set;
import java.util.TreeSet;

/** The token lacks an OAuth scope the action needs; signing in again with that scope fixes it. */
public final class GitHubMissingScopeException extends GitHubException {

    private final Set<String> neededScopes;

    public GitHubMissingScopeException(Set<String> neededScopes) {
        super(message(neededScopes), 403, null);
        this.neededScopes = Set.copyOf(neededScopes);
    }

    /** Scopes to ask for when sending the person back to GitHub's authorize page. */
    public Set<String> neededScopes() {
        return neededScopes;
    }

    private static String message(Set<String> scopes) {
        if (scopes.isEmpty()) {
            return "Your GitHub sign-in lacks a permission this action needs. Sign in again and grant it.";
        }
        return "This needs the GitHub permission " + String.join(", ", new TreeSet<>(scopes))
                + ", which your sign-in does not have. Sign in again and grant it.";
    }
}
