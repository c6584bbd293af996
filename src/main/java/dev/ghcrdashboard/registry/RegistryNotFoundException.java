package dev.ghcrdashboard.registry;

/** The manifest, blob or repository does not exist (404, {@code MANIFEST_UNKNOWN}, {@code NAME_UNKNOWN}). */
public class RegistryNotFoundException extends RegistryException {

    private static final long serialVersionUID = 1L;

    public RegistryNotFoundException(String message) {
        super(message);
    }
}
