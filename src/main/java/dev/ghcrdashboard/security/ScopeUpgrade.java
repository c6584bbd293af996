package dev.ghcrdashboard.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

/**
 * Least privilege: the first sign-in asks only for reading. When a person first deletes, restores or changes a
 * tag, {@code /oauth2/authorization/github?extra=delete} (or {@code restore} or {@code tag}, or several
 * comma-separated) asks GitHub for the extra scope on top, and {@code return} names the page to come back to.
 * Restoring and tagging both need {@code write:packages} (a tag is changed by pushing to the registry).
 */
record ScopeUpgrade(OAuth2AuthorizationRequestResolver delegate) implements OAuth2AuthorizationRequestResolver {

    /** Session attribute: where to go after the extra authorization, successful or declined. */
    static final String RETURN_TO = ScopeUpgrade.class.getName() + ".returnTo";
    static final Map<String, String> EXTRA_SCOPES = Map.of("delete", "delete:packages", "restore", "write:packages", "tag", "write:packages");

    @Override
    public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
        return upgrade(request, delegate.resolve(request));
    }

    @Override
    public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String clientRegistrationId) {
        return upgrade(request, delegate.resolve(request, clientRegistrationId));
    }

    private static OAuth2AuthorizationRequest upgrade(HttpServletRequest request, OAuth2AuthorizationRequest authorization) {
        if (authorization == null) {
            return null;
        }
        HttpSession session = request.getSession();
        String extra = request.getParameter("extra");
        String returnTo = request.getParameter("return");
        if (returnTo == null) {
            session.removeAttribute(RETURN_TO);
        } else {
            session.setAttribute(RETURN_TO, ReturnAddress.localPath(returnTo));
        }
        if (extra == null || extra.isBlank()) {
            return authorization;
        }
        Set<String> scopes = new LinkedHashSet<>(authorization.getScopes());
        for (String name : extra.split(",")) {
            String scope = EXTRA_SCOPES.get(name.trim());
            if (scope != null) {
                scopes.add(scope);
            }
        }
        return OAuth2AuthorizationRequest.from(authorization).scopes(scopes).build();
    }
}
