package dev.ghcrdashboard.registry;

/**
 * The bytes the registry sent do not hash to the digest that was asked for, or the registry's
 * {@code Docker-Content-Digest} disagrees. Such bytes are never cached or parsed.
 */
class DigestMismatchException extends RegistryException {

    private static final long serialVersionUID = 1L;

    public DigestMismatchException(String message) {
        super(message);
    }
}
