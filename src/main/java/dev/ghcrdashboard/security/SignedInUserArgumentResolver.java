package dev.ghcrdashboard.security;

import dev.ghcrdashboard.github.AccessToken;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Resolves {@link SignedInUser} controller arguments from the OAuth2 login and its authorized client. */
final class SignedInUserArgumentResolver implements HandlerMethodArgumentResolver {

    private final OAuth2AuthorizedClientRepository authorizedClients;

    SignedInUserArgumentResolver(OAuth2AuthorizedClientRepository authorizedClients) {
        this.authorizedClients = authorizedClients;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(SignedInUser.class);
    }

    @Override
    public SignedInUser resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                        NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        return resolve(webRequest.getNativeRequest(HttpServletRequest.class));
    }

    SignedInUser resolve(HttpServletRequest request) {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof OAuth2AuthenticationToken oauth)) {
            throw new InsufficientAuthenticationException("Sign in with GitHub first");
        }
        OAuth2AuthorizedClient client = authorizedClients.loadAuthorizedClient(
                oauth.getAuthorizedClientRegistrationId(), oauth, request);
        if (client == null) {
            // The session outlived its token (e.g. after a restart); a fresh sign-in fixes it.
            throw new InsufficientAuthenticationException("GitHub authorization is gone; sign in again");
        }
        String login = String.valueOf(oauth.getPrincipal().getAttributes().get("login"));
        return new SignedInUser(login, new AccessToken(client.getAccessToken().getTokenValue()),
                grantedScopes(client.getAccessToken().getScopes()));
    }

    /** GitHub's token response lists scopes comma-separated; Spring splits on spaces only. */
    static Set<String> grantedScopes(Set<String> scopes) {
        return scopes.stream()
                .flatMap(scope -> Arrays.stream(scope.split("[,\\s]+")))
                .filter(scope -> !scope.isBlank())
                .collect(Collectors.toUnmodifiableSet());
    }
}
