package dev.ghcrdashboard.security;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration
class SecurityWebConfig implements WebMvcConfigurer {

    private final OAuth2AuthorizedClientRepository authorizedClients;

    SecurityWebConfig(OAuth2AuthorizedClientRepository authorizedClients) {
        this.authorizedClients = authorizedClients;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new SignedInUserArgumentResolver(authorizedClients));
    }
}
