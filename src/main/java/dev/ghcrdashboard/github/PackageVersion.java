package dev.ghcrdashboard.github;

import java.time.Instant;
import java.util.List;

/**
 * One package version: one manifest in the registry. {@code digest} is the REST {@code name}
 * ({@code sha256:…}); {@code tags} is {@code metadata.container.tags} ({@code []} when untagged).
 *
 * @param deletedAt set only for versions listed with {@code state=deleted}
 */
public record PackageVersion(
        long id,
        String digest,
        List<String> tags,
        Instant createdAt,
        Instant updatedAt,
        Instant deletedAt,
        String htmlUrl) {

    public PackageVersion {
        tags = List.copyOf(tags);
    }

    public boolean tagged() {
        return !tags.isEmpty();
    }
}
