package dev.ghcrdashboard.common;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A page's subject does not exist, or this person may not see it (GitHub answers both the same way, and
 * so do we: an outsider learns nothing from the difference). Its detail is shown to the person as is.
 */
public class NotFoundException extends ErrorResponseException {

    public NotFoundException(String detail) {
        super(HttpStatus.NOT_FOUND, Problems.of(HttpStatus.NOT_FOUND, "Not found", detail), null);
    }
}
