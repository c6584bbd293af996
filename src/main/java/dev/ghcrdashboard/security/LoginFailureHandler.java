package dev.ghcrdashboard.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Sends a failed sign-in back to the sign-in page with a reason code the page can explain. A declined
 * request for an extra scope (see {@link ScopeUpgrade}) does not sign the person out: they keep their
 * read access and see where they were.
 */
final class LoginFailureHandler implements AuthenticationFailureHandler {

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException exception) throws IOException {
        String reason = "failed";
        if (exception instanceof OAuth2AuthenticationException oauth) {
            String code = oauth.getError().getErrorCode();
            if (AccessCheckingUserService.NOT_ALLOWED.equals(code)) {
                reason = "not-allowed";
            } else if ("access_denied".equals(code)) {
                reason = "declined";
            }
        }
        HttpSession session = request.getSession(false);
        Object returnTo = session == null ? null : session.getAttribute(ScopeUpgrade.RETURN_TO);
        if (returnTo instanceof String path && "declined".equals(reason)) {
            session.removeAttribute(ScopeUpgrade.RETURN_TO);
            response.sendRedirect(request.getContextPath() + "/permissions/declined?return="
                    + URLEncoder.encode(path, StandardCharsets.UTF_8));
            return;
        }
        response.sendRedirect(request.getContextPath() + "/login?error=" + reason);
    }
}
