package dev.ghcrdashboard.visibility;

/** A request (rule, selection) cannot be carried out; the message says why, in words for the person. */
class InvalidVisibilityRequestException extends RuntimeException {

    InvalidVisibilityRequestException(String message) {
        super(message);
    }
}
