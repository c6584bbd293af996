package dev.ghcrdashboard.visibility;

import dev.ghcrdashboard.github.Visibility;
import java.net.URI;
import java.time.Instant;

/**
 * A person asked for a visibility change and was sent to GitHub's settings page.
 *
 * @param actor who asked
 */
public record VisibilityChangeStarted(long changeId, String actor, Instant occurredAt, String owner,
                                      String packageName, Visibility target, URI settingsPage) {
}
