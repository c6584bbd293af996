package dev.ghcrdashboard.common;

/** A request whose parameters cannot be honoured; its message is shown to the person as is. */
public class BadRequestException extends RuntimeException {

    public BadRequestException(String message) {
        super(message);
    }
}
