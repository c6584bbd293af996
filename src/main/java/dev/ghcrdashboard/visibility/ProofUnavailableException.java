package dev.ghcrdashboard.visibility;

import dev.ghcrdashboard.common.UnavailableException;

/**
 * The anonymous pull could not be attempted (the registry or its token endpoint did not answer).
 * Not a proof either way: recording "denied" here would flag every public package as broken
 * during a registry outage.
 */
class ProofUnavailableException extends UnavailableException {

    ProofUnavailableException(String what, Throwable cause) {
        super("The registry is not answering", "The anonymous pull of " + what
                + " could not be tried, so nothing was proved or recorded. Try again in a minute.", cause);
    }
}
