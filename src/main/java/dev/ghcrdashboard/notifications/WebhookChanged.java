package dev.ghcrdashboard.notifications;

import java.time.Instant;

/**
 * An admin added or removed a webhook of an owner.
 *
 * @param target the address as the list shows it (no query, long secret-looking path segments shortened)
 */
public record WebhookChanged(long webhookId, boolean added, String actor, Instant occurredAt, String owner, String target) {
}
