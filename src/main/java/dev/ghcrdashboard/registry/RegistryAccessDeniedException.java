package dev.ghcrdashboard.registry;

/** The registry refused access even with a token: private package, missing scope or unauthorized SSO. */
public class RegistryAccessDeniedException extends RegistryException {

    private static final long serialVersionUID = 1L;

    public RegistryAccessDeniedException(String message) {
        super(message);
    }
}
