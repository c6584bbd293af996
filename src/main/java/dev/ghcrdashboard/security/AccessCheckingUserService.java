package dev.ghcrdashboard.security;

import dev.ghcrdashboard.github.AccessToken;
import dev.ghcrdashboard.github.GitHubClient;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequestEntityConverter;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.stereotype.Component;

/** Loads the GitHub user after sign-in and refuses anyone the {@link SignInPolicy} does not let in. */
@Component
class AccessCheckingUserService extends DefaultOAuth2UserService {

    static final String NOT_ALLOWED = "not_allowed";
    private static final Logger log = LoggerFactory.getLogger(AccessCheckingUserService.class);

    private final SignInPolicy policy;

    AccessCheckingUserService(SignInPolicy policy) {
        this.policy = policy;
        setRequestEntityConverter(AccessCheckingUserService::asGitHubRecommends);
    }

    /**
     * Spring's user-info request says {@code Accept: application/json} and no API version; GitHub asks
     * every REST call for {@code application/vnd.github+json} and a pinned {@code X-GitHub-Api-Version}
     * (the same headers {@link GitHubClient} sends), so the one call Spring makes gets them too.
     */
    private static RequestEntity<?> asGitHubRecommends(OAuth2UserRequest request) {
        RequestEntity<?> entity = new OAuth2UserRequestEntityConverter().convert(request);
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(entity.getHeaders());
        headers.setAccept(List.of(MediaType.parseMediaType("application/vnd.github+json")));
        headers.set("X-GitHub-Api-Version", "2022-11-28");
        return new RequestEntity<>(entity.getBody(), headers, entity.getMethod(), entity.getUrl());
    }

    @Override
    public OAuth2User loadUser(OAuth2UserRequest request) {
        OAuth2User user = super.loadUser(request);
        String login = String.valueOf(user.getAttributes().get("login"));
        var refusal = policy.refusal(login, new AccessToken(request.getAccessToken().getTokenValue()));
        if (refusal.isEmpty()) {
            return user;
        }
        log.info("Refused sign-in of {}: {}", login, refusal.get());
        throw new OAuth2AuthenticationException(new OAuth2Error(NOT_ALLOWED, refusal.get(), null));
    }
}
