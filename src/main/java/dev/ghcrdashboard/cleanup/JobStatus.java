package dev.ghcrdashboard.cleanup;

/** Where a background job stands. */
enum JobStatus {
    QUEUED,
    RUNNING,
    /** The stored token is gone or no longer works; the job continues once its person signs in again. */
    WAITING_FOR_SIGN_IN,
    FINISHED,
    CANCELLED;

    public boolean ended() {
        return this == FINISHED || this == CANCELLED;
    }

    public String label() {
        return switch (this) {
            case QUEUED -> "Queued";
            case RUNNING -> "Running";
            case WAITING_FOR_SIGN_IN -> "Waiting for sign-in";
            case FINISHED -> "Finished";
            case CANCELLED -> "Cancelled";
        };
    }
}
