package dev.ghcrdashboard.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * GitHub writes a nested package name as one encoded segment ({@code /packages/container/package/tools%2Fcli}), so
 * people paste that form into the dashboard's address too. The dashboard's own form keeps the slash
 * ({@code /owners/acme/packages/tools/cli}); an address in GitHub's form is sent there. Everywhere else an encoded
 * slash stays refused, as the servlet container and Spring Security refuse it by default.
 */
@Configuration(proxyBeanMethods = false)
class EncodedPackageNames {

    /** A package page whose name carries an encoded slash; owner logins never contain one. */
    private static final Pattern ENCODED_PACKAGE_PAGE = Pattern.compile("^/owners/[A-Za-z0-9-]+/packages/[^?#]*%2[Ff].*");
    private static final Pattern ENCODED_SLASH = Pattern.compile("%2[Ff]");

    /** Lets such an address reach the redirect below instead of the container's bare 400 page. */
    @Bean
    TomcatConnectorCustomizer encodedSlashesReachTheApplication() {
        return connector -> connector.setEncodedSolidusHandling("passthrough");
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> canonicalPackagePaths() {
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new CanonicalPackagePath());
        // Before Spring Security, whose firewall would refuse the encoded slash.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    static final class CanonicalPackagePath extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String uri = request.getRequestURI();
            if (!uri.contains("%2") || !"GET".equals(request.getMethod()) || !ENCODED_PACKAGE_PAGE.matcher(uri).matches()) {
                if (uri.contains("%2F") || uri.contains("%2f")) {
                    response.sendError(HttpStatus.BAD_REQUEST.value());
                    return;
                }
                chain.doFilter(request, response);
                return;
            }
            // Still below /owners/LOGIN/packages/ after decoding the slashes: the redirect cannot leave the dashboard.
            String canonical = ENCODED_SLASH.matcher(uri).replaceAll("/").replaceAll("/{2,}", "/");
            String query = request.getQueryString();
            response.setStatus(HttpStatus.MOVED_PERMANENTLY.value());
            response.setHeader("Location", canonical + (query == null ? "" : "?" + query));
        }
    }
}
