package dev.ghcrdashboard.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The page for failures that happen before any controller runs: an address the servlet container refuses
 * (an encoded slash or NUL), no such page, and a request Spring Security turned away (a stale or forged
 * form). Same page, same words and layout as {@link ErrorPages}, never the container's own.
 */
@Controller
class ContainerErrorController implements ErrorController {

    @RequestMapping("/error")
    ModelAndView error(HttpServletRequest request, HttpServletResponse response) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer number ? number : response.getStatus();
        if (status < 400) {
            status = HttpStatus.NOT_FOUND.value();
        }
        return switch (status) {
            case 400 -> ErrorPages.page(HttpStatusCode.valueOf(400), "That request does not make sense",
                    "The address is not one this dashboard understands.", null, request);
            case 403 -> request.getAttribute(WebAttributes.ACCESS_DENIED_403) instanceof CsrfException
                    ? ErrorPages.page(HttpStatusCode.valueOf(403), "This form has expired",
                            "The page was open too long, or the form did not come from this dashboard. Nothing was changed.",
                            "Go back, reload the page and try again.", request)
                    : ErrorPages.page(HttpStatusCode.valueOf(403), "Not allowed", "You may not do that here.", null, request);
            case 404 -> ErrorPages.page(HttpStatusCode.valueOf(404), "Not found", "There is no page at this address.", null, request);
            case 405 -> ErrorPages.page(HttpStatusCode.valueOf(405), "Not something this page does",
                    "This address does not accept that kind of request.", null, request);
            default -> ErrorPages.page(HttpStatusCode.valueOf(status), "Something went wrong",
                    "The page could not be shown. Nothing was changed.", "Try again in a minute.", request);
        };
    }
}
