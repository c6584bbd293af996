package dev.ghcrdashboard.visibility;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** This feature's own failures as pages with the right status (an htmx call gets the error fragment). */
@ControllerAdvice(assignableTypes = {VisibilityController.class, ChangeController.class})
class VisibilityErrors {

    @ExceptionHandler({ChangeNotFoundException.class, VisibilityWeb.OwnerNotFoundException.class})
    ModelAndView notFound(RuntimeException e, HttpServletRequest request) {
        return page(HttpStatus.NOT_FOUND, "Not found",
                "That owner, rule, change or queue does not exist, or you have no access to it.", request);
    }

    @ExceptionHandler(InvalidVisibilityRequestException.class)
    ModelAndView invalid(InvalidVisibilityRequestException e, HttpServletRequest request) {
        return page(HttpStatus.BAD_REQUEST, "That request does not make sense", e.getMessage(), request);
    }

    @ExceptionHandler(ProofUnavailableException.class)
    ModelAndView proofUnavailable(ProofUnavailableException e, HttpServletRequest request) {
        return page(HttpStatus.SERVICE_UNAVAILABLE, "The registry is not answering",
                "The anonymous pull could not be tried, so nothing was proved or recorded. Try again in a minute.", request);
    }

    private static ModelAndView page(HttpStatus status, String title, String message, HttpServletRequest request) {
        var page = new ModelAndView(request.getHeader("HX-Request") != null ? "fragments :: error" : "error", status);
        page.addObject("status", status.value());
        page.addObject("errorTitle", title);
        page.addObject("errorMessage", message);
        return page;
    }
}
