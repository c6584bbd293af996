package dev.ghcrdashboard.notifications;

import java.time.Instant;

/**
 * One notification on its way to one webhook, and how its attempts went.
 *
 * @param lastStatus the receiver's last HTTP status, or {@code null} when it did not answer
 * @param lastError why the last attempt failed, in words, or {@code null}
 */
record Delivery(long id, long webhookId, String event, String title, String body, State state, int attempts,
                Instant nextAttemptAt, Integer lastStatus, String lastError, Instant createdAt, Instant finishedAt) {

    enum State {
        PENDING("waiting"), DELIVERED("delivered"), FAILED("gave up");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
