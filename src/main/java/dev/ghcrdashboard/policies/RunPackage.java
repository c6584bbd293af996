package dev.ghcrdashboard.policies;

import java.time.Instant;

/**
 * What a run did with one covered package, and the package as the run found it.
 *
 * @param jobId the cleanup job an act run started for it, else {@code null}
 */
record RunPackage(long runId, String packageName, Status status, int versionsTotal, long packageBytes, int versionsDeleted,
                  int tagsRemoved, long reclaimedBytes, int kept, String jobId, String message, Instant plannedAt) {

    enum Status {
        REPORTED,
        STARTED,
        /** Its cleanup job ended; the message says what GitHub carried out. */
        CLEANED,
        NOTHING_TO_DO,
        WAITING_FOR_APPROVAL,
        SKIPPED,
        FAILED;

        public String label() {
            return switch (this) {
                case REPORTED -> "Reported (dry run: nothing deleted)";
                case STARTED -> "Cleanup job running";
                case CLEANED -> "Cleanup job ended";
                case NOTHING_TO_DO -> "Nothing to remove";
                case WAITING_FOR_APPROVAL -> "Waiting for approval";
                case SKIPPED -> "Skipped";
                case FAILED -> "Failed";
            };
        }
    }

    /** The share of the package's versions the plan deletes, in percent, rounded up. */
    public int sharePercent() {
        return versionsTotal == 0 ? 0 : (int) ((100L * versionsDeleted + versionsTotal - 1) / versionsTotal);
    }
}
