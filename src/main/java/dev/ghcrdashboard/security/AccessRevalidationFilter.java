package dev.ghcrdashboard.security;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Asks the {@link SignInPolicy} again on every signed-in request (it answers from memberships it read
 * recently), and signs out a person it no longer lets in: removed from an allowed organization or team,
 * they lose access at the policy's next read of GitHub instead of when their session ends.
 */
final class AccessRevalidationFilter extends OncePerRequestFilter {

    static final String NOT_ALLOWED_PAGE = "/login?error=not-allowed";
    private static final Logger log = LoggerFactory.getLogger(AccessRevalidationFilter.class);

    private final CurrentUser currentUser;
    private final SignInPolicy policy;

    AccessRevalidationFilter(CurrentUser currentUser, SignInPolicy policy) {
        this.currentUser = currentUser;
        this.policy = policy;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<SignedInUser> user = currentUser.get(request);
        Optional<String> refusal = user.flatMap(signedIn -> policy.refusal(signedIn.login(), signedIn.token()));
        if (refusal.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        log.info("Signed out {}: {}", user.get().login(), refusal.get());
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        String target = request.getContextPath() + NOT_ALLOWED_PAGE;
        if (HtmxRequest.fromRequest(request).isHtmxRequest()) {
            response.setHeader("HX-Redirect", target);
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        } else {
            response.sendRedirect(target);
        }
    }
}
