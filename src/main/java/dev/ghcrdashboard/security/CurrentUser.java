package dev.ghcrdashboard.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.stereotype.Component;

/** Looks up the signed-in person outside controller arguments (layout, background work set-up). */
@Component
public class CurrentUser {

    private final SignedInUserArgumentResolver resolver;

    CurrentUser(OAuth2AuthorizedClientRepository authorizedClients) {
        this.resolver = new SignedInUserArgumentResolver(authorizedClients);
    }

    public Optional<SignedInUser> get(HttpServletRequest request) {
        try {
            return Optional.of(resolver.resolve(request));
        } catch (InsufficientAuthenticationException notSignedIn) {
            return Optional.empty();
        }
    }
}
