package dev.ghcrdashboard.common;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** The person may see this, but not do what they asked; the detail says who can. */
public class ForbiddenException extends ErrorResponseException {

    public ForbiddenException(String detail) {
        super(HttpStatus.FORBIDDEN, Problems.of(HttpStatus.FORBIDDEN, "Not allowed", detail), null);
    }
}
