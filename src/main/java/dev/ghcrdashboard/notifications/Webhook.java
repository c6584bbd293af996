package dev.ghcrdashboard.notifications;

import java.net.URI;
import java.time.Instant;

/**
 * Where an owner's notifications go.
 *
 * @param policyId only this retention policy's notifications, or {@code null} for everything about the owner
 */
record Webhook(long id, String owner, Long policyId, URI url, WebhookFormat format, String createdBy, Instant createdAt) {

    /** The address as the list shows it: scheme, host and path only, never a query that may carry a secret. */
    public String shownUrl() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "")
                + (url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/[A-Za-z0-9_-]{16,}", "/…"));
    }
}
