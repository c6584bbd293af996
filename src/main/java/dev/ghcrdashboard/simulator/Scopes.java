package dev.ghcrdashboard.simulator;

import java.util.Set;

/** GitHub's classic OAuth scopes the simulator checks, with the implications between them. */
final class Scopes {

    static final String READ_PACKAGES = "read:packages";
    static final String WRITE_PACKAGES = "write:packages";
    static final String DELETE_PACKAGES = "delete:packages";
    static final String READ_ORG = "read:org";

    private Scopes() {
    }

    /** write:packages implies read:packages, and admin:org or write:org imply read:org, in GitHub's scope hierarchy. */
    static boolean grants(Set<String> granted, String scope) {
        return granted.contains(scope)
                || (scope.equals(READ_PACKAGES) && granted.contains(WRITE_PACKAGES))
                || (scope.equals(READ_ORG) && (granted.contains("admin:org") || granted.contains("write:org")));
    }
}
