package dev.ghcrdashboard.visibility;

/** A rule the person typed cannot be stored; the message says why, in words for them. */
class InvalidRuleException extends RuntimeException {

    InvalidRuleException(String message) {
        super(message);
    }
}
