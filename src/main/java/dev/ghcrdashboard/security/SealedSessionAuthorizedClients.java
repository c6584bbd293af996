package dev.ghcrdashboard.security;

import dev.ghcrdashboard.github.AccessToken;
import dev.ghcrdashboard.secrets.TokenVault;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.stereotype.Component;

/**
 * Keeps each signed-in person's GitHub token in their session, sealed by the {@link TokenVault}. Sessions
 * live in the database (Spring Session JDBC), so every instance behind the load balancer finds the token,
 * and what the sessions table holds is ciphertext: a copy of the database or a backup does not give away
 * anyone's GitHub access. The token lives exactly as long as the session: signing out or expiry removes it.
 *
 * <p>GitHub OAuth App tokens do not expire and come without a refresh token (docs/ghcr-platform.md §4), so
 * only the access token is kept.
 */
@Component
record SealedSessionAuthorizedClients(ClientRegistrationRepository registrations, TokenVault vault)
        implements OAuth2AuthorizedClientRepository {

    static final String ATTRIBUTE = SealedSessionAuthorizedClients.class.getName() + ".clients";

    /**
     * What the session stores for one client registration: JDK types only, so any instance (and any
     * version that keeps this shape) can read it back.
     */
    record SealedClient(String principalName, String sealedToken, Instant issuedAt, Instant expiresAt, List<String> scopes)
            implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        SealedClient {
            scopes = List.copyOf(scopes);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String registrationId, Authentication principal,
                                                                     HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(ATTRIBUTE) instanceof Map<?, ?> clients)
                || !(clients.get(registrationId) instanceof SealedClient sealed)) {
            return null;
        }
        ClientRegistration registration = registrations.findByRegistrationId(registrationId);
        Optional<AccessToken> token = vault.open(sealed.sealedToken());
        if (registration == null || token.isEmpty()) {
            return null; // sealed under another key: the person signs in again
        }
        var accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, token.get().value(), sealed.issuedAt(),
                sealed.expiresAt(), Set.copyOf(sealed.scopes()));
        return (T) new OAuth2AuthorizedClient(registration, sealed.principalName(), accessToken);
    }

    @Override
    public void saveAuthorizedClient(OAuth2AuthorizedClient client, Authentication principal, HttpServletRequest request,
                                     HttpServletResponse response) {
        OAuth2AccessToken token = client.getAccessToken();
        var sealed = new SealedClient(client.getPrincipalName(), vault.seal(new AccessToken(token.getTokenValue())),
                token.getIssuedAt(), token.getExpiresAt(), List.copyOf(token.getScopes()));
        HttpSession session = request.getSession();
        Map<String, SealedClient> clients = new HashMap<>(stored(session));
        clients.put(client.getClientRegistration().getRegistrationId(), sealed);
        // A new map each time: Spring Session writes an attribute back only when it is set again.
        session.setAttribute(ATTRIBUTE, clients);
    }

    @Override
    public void removeAuthorizedClient(String registrationId, Authentication principal, HttpServletRequest request,
                                       HttpServletResponse response) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return;
        }
        Map<String, SealedClient> clients = new HashMap<>(stored(session));
        if (clients.remove(registrationId) != null) {
            session.setAttribute(ATTRIBUTE, clients);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, SealedClient> stored(HttpSession session) {
        return session.getAttribute(ATTRIBUTE) instanceof Map<?, ?> clients ? (Map<String, SealedClient>) clients : Map.of();
    }
}
