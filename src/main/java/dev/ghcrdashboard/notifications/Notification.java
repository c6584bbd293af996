package dev.ghcrdashboard.notifications;

import java.time.Instant;
import java.util.Map;

/**
 * Something a team should hear about.
 *
 * @param event a stable name receivers can switch on, e.g. {@code visibility.drift.dangerous}
 * @param policyId the retention policy it is about, or {@code null}
 * @param path the dashboard page about it (e.g. {@code /owners/acme/visibility}), linked when the dashboard's
 *             address is configured
 * @param details values for machines, kept as given in the JSON body
 */
public record Notification(String event, String owner, Long policyId, String title, String text, String path,
                           Map<String, Object> details, Instant occurredAt) {

    public Notification {
        details = Map.copyOf(details);
    }
}
