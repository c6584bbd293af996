package dev.ghcrdashboard.cleanup;

import java.time.Instant;

/**
 * GitHub answered a request to delete a whole package.
 *
 * @param state {@link ItemState#DELETED}, {@link ItemState#REFUSED} (GitHub said no, and why) or
 *              {@link ItemState#FAILED} (no usable answer)
 * @param detail GitHub's reason for a refusal, or what went wrong; {@code null} on success
 */
public record PackageDeleteEnded(String actor, String owner, String packageName, ItemState state, String detail,
                                 Instant occurredAt) {
}
