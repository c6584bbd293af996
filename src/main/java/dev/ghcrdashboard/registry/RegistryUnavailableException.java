package dev.ghcrdashboard.registry;

/** The registry kept failing (5xx, 429, timeouts, refused connections) after the configured retries. */
class RegistryUnavailableException extends RegistryException {

    private static final long serialVersionUID = 1L;

    public RegistryUnavailableException(String message) {
        super(message);
    }

    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
