package dev.ghcrdashboard.audit;

/** How a recorded change ended. */
public enum AuditOutcome {
    /** GitHub accepted the change. */
    SUCCEEDED,
    /** Nothing to do: someone else had already made the change (e.g. a delete answered 404). */
    ALREADY_DONE,
    /** GitHub or the dashboard's own safety rules refused it (last version, 5,000 downloads, tagged image). */
    REFUSED,
    /** It went wrong (network, 5xx, rate limit exhausted); {@code detail} says how. */
    FAILED,
    /**
     * Waiting on a person outside the dashboard: a visibility change is made by hand on GitHub's
     * settings page, so {@link AuditAction#VISIBILITY_CHANGE_STARTED} is recorded as pending until
     * it is verified or abandoned (each recorded as its own entry; entries are never updated).
     */
    PENDING;

    /** Human wording for pages ("Already done"): the stored and exported name, written as a phrase. */
    public String label() {
        return Wording.ofConstant(this);
    }
}
