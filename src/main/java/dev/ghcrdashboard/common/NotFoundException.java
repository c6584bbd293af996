package dev.ghcrdashboard.common;

/** A page's subject does not exist (or is not visible to this person); shown as a 404 page. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
