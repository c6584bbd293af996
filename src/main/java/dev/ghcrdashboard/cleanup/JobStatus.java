package dev.ghcrdashboard.cleanup;

/** Where a background job stands. */
enum JobStatus {
    QUEUED("Queued"),
    RUNNING("Running"),
    /** The stored token is gone or no longer works; the job continues once its person signs in again. */
    WAITING_FOR_SIGN_IN("Waiting for sign-in"),
    FINISHED("Finished"),
    CANCELLED("Cancelled");

    private final String label;

    JobStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean ended() {
        return this == FINISHED || this == CANCELLED;
    }
}
