package dev.ghcrdashboard.security;

import dev.ghcrdashboard.github.AccessToken;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.stereotype.Component;

/**
 * The signed-in person of a request, from the OAuth2 login and its authorized client. Controllers get
 * it as a {@link SignedInUser} argument; the layout and background-work set-up ask here directly.
 */
@Component
public class CurrentUser {

    private final OAuth2AuthorizedClientRepository authorizedClients;

    CurrentUser(OAuth2AuthorizedClientRepository authorizedClients) {
        this.authorizedClients = authorizedClients;
    }

    /** Empty when nobody is signed in, or the session outlived its token (e.g. after a restart). */
    public Optional<SignedInUser> get(HttpServletRequest request) {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof OAuth2AuthenticationToken oauth)) {
            return Optional.empty();
        }
        OAuth2AuthorizedClient client = authorizedClients.loadAuthorizedClient(
                oauth.getAuthorizedClientRegistrationId(), oauth, request);
        if (client == null) {
            return Optional.empty();
        }
        String login = String.valueOf(oauth.getPrincipal().getAttributes().get("login"));
        return Optional.of(new SignedInUser(login, new AccessToken(client.getAccessToken().getTokenValue()),
                grantedScopes(client.getAccessToken().getScopes())));
    }

    /** GitHub's token response lists scopes comma-separated; Spring splits on spaces only. */
    static Set<String> grantedScopes(Set<String> scopes) {
        return scopes.stream()
                .flatMap(scope -> Arrays.stream(scope.split("[,\\s]+")))
                .filter(scope -> !scope.isBlank())
                .collect(Collectors.toUnmodifiableSet());
    }
}
