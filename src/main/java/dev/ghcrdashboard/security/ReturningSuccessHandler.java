package dev.ghcrdashboard.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/** After an extra authorization (see {@link ScopeUpgrade}) the person lands where they asked for it. */
final class ReturningSuccessHandler extends SavedRequestAwareAuthenticationSuccessHandler {

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Object returnTo = session == null ? null : session.getAttribute(ScopeUpgrade.RETURN_TO);
        if (returnTo instanceof String path) {
            session.removeAttribute(ScopeUpgrade.RETURN_TO);
            clearAuthenticationAttributes(request);
            getRedirectStrategy().sendRedirect(request, response, path);
            return;
        }
        super.onAuthenticationSuccess(request, response, authentication);
    }
}
