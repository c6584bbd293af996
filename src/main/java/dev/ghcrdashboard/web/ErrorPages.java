package dev.ghcrdashboard.web;

import dev.ghcrdashboard.common.BadRequestException;
import dev.ghcrdashboard.common.NotFoundException;
import dev.ghcrdashboard.github.GitHubException;
import dev.ghcrdashboard.github.GitHubMissingScopeException;
import dev.ghcrdashboard.github.GitHubNotFoundException;
import dev.ghcrdashboard.github.GitHubRateLimitedException;
import dev.ghcrdashboard.github.GitHubRejectedException;
import dev.ghcrdashboard.github.GitHubUnauthorizedException;
import dev.ghcrdashboard.github.GitHubUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Turns domain and GitHub failures into pages with the right status and a sentence a person can act
 * on. Nothing here echoes exception internals: messages come from our own exception types, which
 * never carry tokens.
 */
@ControllerAdvice
class ErrorPages {

    private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound(NotFoundException e, HttpServletRequest request) {
        return page(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), null, request);
    }

    @ExceptionHandler(BadRequestException.class)
    ModelAndView badRequest(BadRequestException e, HttpServletRequest request) {
        return page(HttpStatus.BAD_REQUEST, "That request does not make sense", e.getMessage(), null, request);
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class,
            HandlerMethodValidationException.class})
    ModelAndView badParameter(Exception e, HttpServletRequest request) {
        String detail = e instanceof MethodArgumentTypeMismatchException mismatch
                ? "The value given for '" + mismatch.getName() + "' is not valid."
                : e instanceof MissingServletRequestParameterException missing
                ? "The parameter '" + missing.getParameterName() + "' is required."
                : "Some parameters of this page are not valid.";
        return page(HttpStatus.BAD_REQUEST, "That request does not make sense", detail, null, request);
    }

    @ExceptionHandler(GitHubUnauthorizedException.class)
    ModelAndView unauthorized(GitHubUnauthorizedException e, HttpServletRequest request) {
        var mav = page(HttpStatus.UNAUTHORIZED, "Sign in again",
                "GitHub no longer accepts this dashboard's token (it was revoked or expired).", null, request);
        mav.addObject("signInAgain", true);
        request.getSession().invalidate();
        return mav;
    }

    @ExceptionHandler(GitHubNotFoundException.class)
    ModelAndView gitHubNotFound(GitHubNotFoundException e, HttpServletRequest request) {
        return page(HttpStatus.NOT_FOUND, "Not found or no access",
                "GitHub says this does not exist, or your account has no access to it (GitHub answers both the same way).",
                null, request);
    }

    @ExceptionHandler(GitHubMissingScopeException.class)
    ModelAndView missingScope(GitHubMissingScopeException e, HttpServletRequest request) {
        return page(HttpStatus.FORBIDDEN, "More access needed", e.getMessage(),
                "Sign in again and grant the requested access, or ask an organization owner.", request);
    }

    @ExceptionHandler(GitHubRateLimitedException.class)
    ModelAndView rateLimited(GitHubRateLimitedException e, HttpServletRequest request) {
        String when = e.resetAt() == null ? "soon" : "at " + TIME.format(e.resetAt());
        return page(HttpStatus.TOO_MANY_REQUESTS, "GitHub rate limit reached",
                "Your GitHub API budget is used up. It resets " + when + ".",
                "Pages you opened before still show their cached content.", request);
    }

    @ExceptionHandler(GitHubRejectedException.class)
    ModelAndView rejected(GitHubRejectedException e, HttpServletRequest request) {
        return page(HttpStatus.BAD_REQUEST, "GitHub refused", e.getMessage(), null, request);
    }

    @ExceptionHandler(GitHubUnavailableException.class)
    ModelAndView unavailable(GitHubUnavailableException e, HttpServletRequest request) {
        log.warn("GitHub unavailable: {}", e.getMessage());
        return page(HttpStatus.SERVICE_UNAVAILABLE, "GitHub is not answering",
                "GitHub did not answer properly after several tries. Nothing was changed.", "Try again in a minute.", request);
    }

    @ExceptionHandler(GitHubException.class)
    ModelAndView otherGitHubFailure(GitHubException e, HttpServletRequest request) {
        log.warn("GitHub call failed: {}", e.getMessage());
        return page(HttpStatus.BAD_GATEWAY, "GitHub answered unexpectedly", e.getMessage(), "Try again in a minute.", request);
    }

    static ModelAndView page(HttpStatus status, String title, String message, String hint, HttpServletRequest request) {
        var mav = new ModelAndView(request.getHeader("HX-Request") != null ? "fragments :: error" : "error", status);
        mav.addObject("status", status.value());
        mav.addObject("errorTitle", title);
        mav.addObject("errorMessage", message);
        mav.addObject("errorHint", hint);
        if ("GET".equals(request.getMethod()) && status.is5xxServerError() || status == HttpStatus.TOO_MANY_REQUESTS) {
            String query = request.getQueryString();
            mav.addObject("retryUrl", request.getRequestURI() + (query == null ? "" : "?" + query));
        }
        return mav;
    }
}
