package dev.ghcrdashboard.audit;

/** How a recorded change ended. */
public enum AuditOutcome {
    /** GitHub accepted the change. */
    SUCCEEDED("Succeeded"),
    /** Nothing to do: someone else had already made the change (e.g. a delete answered 404). */
    ALREADY_DONE("Already done"),
    /** GitHub or the dashboard's own safety rules refused it (last version, 5,000 downloads, tagged image). */
    REFUSED("Refused"),
    /** It went wrong (network, 5xx, rate limit exhausted); {@code detail} says how. */
    FAILED("Failed"),
    /**
     * Waiting on a person outside the dashboard: a visibility change is made by hand on GitHub's
     * settings page, so {@link AuditAction#VISIBILITY_CHANGE_STARTED} is recorded as pending until
     * it is verified or abandoned (each recorded as its own entry; entries are never updated).
     */
    PENDING("Pending");

    private final String label;

    AuditOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
