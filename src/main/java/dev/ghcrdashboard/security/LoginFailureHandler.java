package dev.ghcrdashboard.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/** Sends a failed sign-in back to the sign-in page with a reason code the page can explain. */
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
        response.sendRedirect(request.getContextPath() + "/login?error=" + reason);
    }
}
