package dev.ghcrdashboard.simulator;

import java.time.Instant;
import java.util.List;

/**
 * A package version as the simulator holds it, for assertions. {@code updatedAt} moves when the version gains or
 * loses a tag, is deleted or restored; {@code deletedAt} is null while active.
 */
public record SimulatedVersion(long id, String digest, String mediaType, List<String> tags, Instant createdAt, Instant updatedAt,
        Instant deletedAt) {

    public SimulatedVersion {
        tags = List.copyOf(tags);
    }
}
