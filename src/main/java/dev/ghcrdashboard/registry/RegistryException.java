package dev.ghcrdashboard.registry;

/**
 * A registry request failed. Messages name the repository, reference and HTTP status, never a token
 * or credential. Subclasses say what a caller can do about it.
 */
public class RegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RegistryException(String message) {
        super(message);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
