package dev.ghcrdashboard.security;

import io.github.wimdeblauwe.htmx.spring.boot.security.HxRefreshHeaderAuthenticationEntryPoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;

@Configuration
class SecurityConfig {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http,
                                            ClientRegistrationRepository clientRegistrations,
                                            AccessCheckingUserService userService, CurrentUser currentUser,
                                            SignInPolicy policy) {
        var authorizationRequestResolver = new DefaultOAuth2AuthorizationRequestResolver(
                clientRegistrations, OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
        // GitHub supports PKCE for OAuth Apps (docs/ghcr-platform.md §4); send it even though we are a confidential client.
        authorizationRequestResolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());

        http.addFilterAfter(new AccessRevalidationFilter(currentUser, policy), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/", "/login", "/error", "/webjars/**", "/css/**", "/js/**", "/favicon.svg",
                                "/favicon.ico", "/actuator/health", "/actuator/health/**", "/actuator/info",
                                // Only served when ghcr-dashboard.metrics.prometheus is true; scrapers do not sign in.
                                "/actuator/prometheus").permitAll()
                        .anyRequest().authenticated())
                .oauth2Login(login -> login
                        .loginPage("/login")
                        .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(new ScopeUpgrade(authorizationRequestResolver)))
                        .userInfoEndpoint(userInfo -> userInfo.userService(userService))
                        .successHandler(new ReturningSuccessHandler())
                        .failureHandler(new LoginFailureHandler()))
                .logout(logout -> logout.logoutSuccessUrl("/?signedOut"))
                .csrf(csrf -> csrf.csrfTokenRequestHandler(new TolerantCsrfTokenRequestHandler()))
                // An htmx call after the session expired would swap GitHub's sign-in page into a table cell, or
                // fail silently; HX-Refresh reloads the whole page instead, which then signs in and comes back.
                .exceptionHandling(exceptions -> exceptions
                        .defaultAuthenticationEntryPointFor(new HxRefreshHeaderAuthenticationEntryPoint(),
                                new RequestHeaderRequestMatcher("HX-Request"))
                        // The dashboard's own error page says why (a stale or forged form), with the layout around it.
                        .accessDeniedHandler(accessDeniedPage()))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'; "
                                        + "object-src 'none'; base-uri 'self'; form-action 'self' http: https:; frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    private static AccessDeniedHandlerImpl accessDeniedPage() {
        var handler = new AccessDeniedHandlerImpl();
        handler.setErrorPage("/error");
        return handler;
    }
}
