package dev.ghcrdashboard.security;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration
class SecurityWebConfig implements WebMvcConfigurer {

    private final CurrentUser currentUser;

    SecurityWebConfig(CurrentUser currentUser) {
        this.currentUser = currentUser;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new SignedInUserArgumentResolver(currentUser));
    }
}
