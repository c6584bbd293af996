package dev.ghcrdashboard.simulator;

import java.time.Instant;
import java.util.List;

/** A package version as the simulator holds it, for assertions. {@code deletedAt} is null while active. */
public record SimulatedVersion(long id, String digest, String mediaType, List<String> tags, Instant createdAt, Instant deletedAt) {

    public SimulatedVersion {
        tags = List.copyOf(tags);
    }
}
