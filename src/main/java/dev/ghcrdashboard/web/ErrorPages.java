package dev.ghcrdashboard.web;

import dev.ghcrdashboard.github.GitHubException;
import dev.ghcrdashboard.github.GitHubMissingScopeException;
import dev.ghcrdashboard.github.GitHubNotFoundException;
import dev.ghcrdashboard.github.GitHubRateLimitedException;
import dev.ghcrdashboard.github.GitHubRejectedException;
import dev.ghcrdashboard.github.GitHubUnauthorizedException;
import dev.ghcrdashboard.github.GitHubUnavailableException;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * The one place where failures become pages: every feature signals a problem a person should see with
 * an {@link ErrorResponse} (the {@code common} exceptions, or Spring MVC's own), and GitHub's answers
 * arrive as the GitHub client's typed exceptions. Each gets the right status and a sentence a person
 * can act on; an htmx request gets the error fragment instead of a whole page. Nothing here echoes
 * exception internals: details come from our own types, which never carry tokens.
 */
@ControllerAdvice
record ErrorPages(LayoutModelAdvice layout) {

    private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final String PAGE = "web/error";
    private static final String HTMX_FRAGMENT = "fragments/error :: error";

    @ExceptionHandler({ErrorResponseException.class, ServletRequestBindingException.class, NoResourceFoundException.class,
            HttpRequestMethodNotSupportedException.class, HttpMediaTypeNotSupportedException.class,
            MethodArgumentNotValidException.class})
    ModelAndView problem(Exception exception, HttpServletRequest request) {
        ErrorResponse problem = (ErrorResponse) exception;
        HttpStatusCode status = problem.getStatusCode();
        String detail = problem.getBody().getDetail();
        if (problem instanceof MissingServletRequestParameterException missing) {
            detail = "The parameter '" + missing.getParameterName() + "' is required.";
        } else if (problem instanceof HandlerMethodValidationException) {
            detail = "Some parameters of this page are not valid.";
        }
        return withLayout(page(status, titleOf(problem), detail, null, request), request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView badParameter(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return withLayout(page(HttpStatus.BAD_REQUEST, "That request does not make sense",
                "The value given for '" + e.getName() + "' is not valid.", null, request), request);
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
        return withLayout(page(HttpStatus.NOT_FOUND, "Not found or no access",
                "GitHub says this does not exist, or your account has no access to it (GitHub answers both the same way).",
                null, request), request);
    }

    @ExceptionHandler(GitHubMissingScopeException.class)
    ModelAndView missingScope(GitHubMissingScopeException e, HttpServletRequest request) {
        return withLayout(page(HttpStatus.FORBIDDEN, "More access needed", e.getMessage(),
                "Sign in again and grant the requested access, or ask an organization owner.", request), request);
    }

    @ExceptionHandler(GitHubRateLimitedException.class)
    ModelAndView rateLimited(GitHubRateLimitedException e, HttpServletRequest request) {
        String when = e.resetAt() == null ? "soon" : "at " + TIME.format(e.resetAt());
        return withLayout(page(HttpStatus.TOO_MANY_REQUESTS, "GitHub rate limit reached",
                "Your GitHub API budget is used up. It resets " + when + ".",
                "Pages you opened before still show their cached content.", request), request);
    }

    @ExceptionHandler(GitHubRejectedException.class)
    ModelAndView rejected(GitHubRejectedException e, HttpServletRequest request) {
        return withLayout(page(HttpStatus.BAD_REQUEST, "GitHub refused", e.getMessage(), null, request), request);
    }

    @ExceptionHandler(GitHubUnavailableException.class)
    ModelAndView unavailable(GitHubUnavailableException e, HttpServletRequest request) {
        log.warn("GitHub unavailable: {}", e.getMessage());
        return withLayout(page(HttpStatus.SERVICE_UNAVAILABLE, "GitHub is not answering",
                "GitHub did not answer properly after several tries. Nothing was changed.", "Try again in a minute.", request), request);
    }

    @ExceptionHandler(GitHubException.class)
    ModelAndView otherGitHubFailure(GitHubException e, HttpServletRequest request) {
        log.warn("GitHub call failed: {}", e.getMessage());
        return withLayout(page(HttpStatus.BAD_GATEWAY, "GitHub answered unexpectedly", e.getMessage(), "Try again in a minute.", request), request);
    }

    /** Our own exceptions carry a title written for people; Spring MVC's carry the status's reason phrase. */
    private static String titleOf(ErrorResponse problem) {
        String title = problem.getBody().getTitle();
        HttpStatus status = HttpStatus.resolve(problem.getStatusCode().value());
        boolean reasonPhrase = status != null && status.getReasonPhrase().equals(title);
        if (title != null && !reasonPhrase) {
            return title;
        }
        return switch (problem.getStatusCode().value()) {
            case 400 -> "That request does not make sense";
            case 404 -> "Not found";
            case 405 -> "Not something this page does";
            default -> "Something went wrong";
        };
    }

    /**
     * Exception handlers get no {@code @ModelAttribute}s, so the page's header (owner switcher, who is signed in,
     * the demo banner) is added here: an error page keeps the way back. Failing to build it never hides the error.
     */
    private ModelAndView withLayout(ModelAndView mav, HttpServletRequest request) {
        try {
            mav.addObject("layout", layout.layout(request, HtmxRequest.fromRequest(request)));
        } catch (RuntimeException e) {
            log.debug("Error page without its header: {}", e.getClass().getSimpleName());
        }
        return mav;
    }

    static ModelAndView page(HttpStatusCode status, String title, String message, String hint,
                                     HttpServletRequest request) {
        var mav = new ModelAndView(HtmxRequest.fromRequest(request).isHtmxRequest() ? HTMX_FRAGMENT : PAGE, status);
        mav.addObject("status", status.value());
        mav.addObject("errorTitle", title);
        mav.addObject("errorMessage", message);
        mav.addObject("errorHint", hint);
        boolean worthRetrying = status.is5xxServerError() || status.value() == HttpStatus.TOO_MANY_REQUESTS.value();
        if ("GET".equals(request.getMethod()) && worthRetrying) {
            String query = request.getQueryString();
            mav.addObject("retryUrl", request.getRequestURI() + (query == null ? "" : "?" + query));
        }
        return mav;
    }
}
