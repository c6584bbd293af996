package dev.ghcrdashboard;

import org.junit.jupiter.api.Assumptions;

/**
 * Decides what happens when a real service a test needs (registry, PostgreSQL, browser) is missing:
 * on a laptop the test is skipped with a loud message; in CI ({@code -Dghcr.require-services=true})
 * it fails, because CI promises every real component.
 */
public final class ServiceRequirement {

    private ServiceRequirement() {
    }

    public static boolean required() {
        return Boolean.getBoolean("ghcr.require-services") || "true".equalsIgnoreCase(System.getenv("GHCR_REQUIRE_SERVICES"));
    }

    /** Skips (laptop) or fails (CI) the calling test when {@code available} is false. */
    public static void assume(boolean available, String whatIsMissing) {
        if (available) {
            return;
        }
        String message = "REAL SERVICE MISSING: " + whatIsMissing;
        System.err.println("*** " + message + (required() ? " (failing: services are required)" : " (skipping test)"));
        if (required()) {
            throw new AssertionError(message);
        }
        Assumptions.abort(message);
    }
}
