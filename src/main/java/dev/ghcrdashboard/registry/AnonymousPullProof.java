package dev.ghcrdashboard.registry;

import java.time.Instant;

/**
 * The outcome of pulling a manifest the way an anonymous user would: proof of effective visibility.
 *
 * @param pullable whether an anonymous client could read the manifest
 * @param detail why, for people ("token denied (401)", "anonymous token and manifest HEAD succeeded")
 */
public record AnonymousPullProof(boolean pullable, String detail, Instant checkedAt) {
}
