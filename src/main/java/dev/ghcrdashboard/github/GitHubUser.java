package dev.ghcrdashboard.github;

import java.util.Set;

/**
 * The signed-in GitHub user.
 *
 * @param grantedScopes the classic OAuth scopes the token actually carries (GitHub's
 *        {@code X-OAuth-Scopes}); a person may grant fewer than the dashboard asked for
 */
record GitHubUser(long id, String login, String name, String avatarUrl, Set<String> grantedScopes) {

    public GitHubUser {
        grantedScopes = Set.copyOf(grantedScopes);
    }
}
