package dev.ghcrdashboard.visibility;

import dev.ghcrdashboard.github.Visibility;
import java.time.Instant;

/**
 * GitHub reports the requested visibility and an anonymous pull confirmed it.
 *
 * @param actor who asked for the change
 */
public record VisibilityChangeVerified(long changeId, String actor, Instant occurredAt, String owner,
                                       String packageName, Visibility target, PullProof proof) {
}
