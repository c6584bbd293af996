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
        RUNNING("Running"),
        /** Some package's plan removes more than the policy's share: an admin approves or skips it on the run page. */
        WAITING_FOR_APPROVAL("Waiting for approval"),
        FINISHED("Finished"),
        FAILED("Failed");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
