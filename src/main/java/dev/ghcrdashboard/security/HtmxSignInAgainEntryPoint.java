package dev.ghcrdashboard.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * An htmx request that arrives after the session expired would otherwise follow the login redirect
 * and swap GitHub's sign-in page into a table cell, or fail silently. {@code HX-Redirect} makes htmx
 * navigate the whole page to sign-in instead.
 */
final class HtmxSignInAgainEntryPoint implements AuthenticationEntryPoint {

    private final String signInUrl;

    HtmxSignInAgainEntryPoint(String signInUrl) {
        this.signInUrl = signInUrl;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException authException) {
        response.setHeader("HX-Redirect", request.getContextPath() + signInUrl);
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    }
}
