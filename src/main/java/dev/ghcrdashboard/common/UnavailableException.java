package dev.ghcrdashboard.common;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** Something the page needs did not answer; nothing was changed, and trying again later may work. */
public class UnavailableException extends ErrorResponseException {

    public UnavailableException(String title, String detail, Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, Problems.of(HttpStatus.SERVICE_UNAVAILABLE, title, detail), cause);
    }
}
