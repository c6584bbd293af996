package dev.ghcrdashboard.security;

import dev.ghcrdashboard.github.AccessToken;
import java.util.Set;

/**
 * The person behind the current request and the GitHub token they granted. Controllers receive it
 * as a method argument; it never reaches a template (its {@code toString} hides the token anyway).
 *
 * @param grantedScopes the OAuth scopes GitHub actually granted, which may be fewer than asked
 */
public record SignedInUser(String login, AccessToken token, Set<String> grantedScopes) {

    public SignedInUser {
        grantedScopes = Set.copyOf(grantedScopes);
    }

    public boolean hasScope(String scope) {
        return grantedScopes.contains(scope);
    }
}
