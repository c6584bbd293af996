package dev.ghcrdashboard.common;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A request whose parameters cannot be honoured; its detail is shown to the person as is. */
public class BadRequestException extends ErrorResponseException {

    public BadRequestException(String detail) {
        super(HttpStatus.BAD_REQUEST, Problems.of(HttpStatus.BAD_REQUEST, "That request does not make sense", detail), null);
    }
}
