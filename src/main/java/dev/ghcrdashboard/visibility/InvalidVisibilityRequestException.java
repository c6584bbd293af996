package dev.ghcrdashboard.visibility;

import dev.ghcrdashboard.common.BadRequestException;

/** A request (rule, selection) cannot be carried out; the message says why, in words for the person. */
class InvalidVisibilityRequestException extends BadRequestException {

    InvalidVisibilityRequestException(String message) {
        super(message);
    }
}
