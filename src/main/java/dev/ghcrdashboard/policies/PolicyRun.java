package dev.ghcrdashboard.policies;

import java.time.Instant;

/**
 * One run of a policy.
 *
 * @param cause {@code manual} (an admin pressed "run now") or {@code scheduled}
 * @param reason why it failed, or what it waits for; {@code null} otherwise
 */
record PolicyRun(long id, long policyId, String cause, PolicyMode mode, Status status, String startedBy, String reason,
                 Instant startedAt, Instant finishedAt) {

    enum Status {
        RUNNING,
        /** Some package's plan removes more than the policy's share: an admin approves or skips it on the run page. */
        WAITING_FOR_APPROVAL,
        /** Planned; the cleanup jobs it started are deleting. It finishes when the last of them ends. */
        CLEANING_UP,
        FINISHED,
        FAILED;

        public String label() {
            return switch (this) {
                case RUNNING -> "Running";
                case WAITING_FOR_APPROVAL -> "Waiting for approval";
                case CLEANING_UP -> "Cleanup jobs running";
                case FINISHED -> "Finished";
                case FAILED -> "Failed";
            };
        }
    }
}
