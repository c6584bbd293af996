package dev.ghcrdashboard.visibility;

/**
 * The anonymous pull could not be attempted (the registry or its token endpoint did not answer).
 * Not a proof either way: recording "denied" here would flag every public package as broken
 * during a registry outage.
 */
class ProofUnavailableException extends RuntimeException {

    ProofUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
