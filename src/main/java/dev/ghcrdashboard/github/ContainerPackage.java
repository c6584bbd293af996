package dev.ghcrdashboard.github;

import java.time.Instant;

/**
 * A container package as the Packages REST API describes it.
 *
 * @param repository full name ({@code owner/repo}) of the linked repository, or {@code null}
 * @param repositoryPrivate whether the linked repository is private; {@code null} when unlinked
 */
public record ContainerPackage(
        long id,
        String name,
        Owner owner,
        Visibility visibility,
        String repository,
        Boolean repositoryPrivate,
        int versionCount,
        Instant createdAt,
        Instant updatedAt,
        String htmlUrl) {
}
