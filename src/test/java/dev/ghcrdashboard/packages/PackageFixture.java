package dev.ghcrdashboard.packages;

import dev.ghcrdashboard.github.PackageVersion;
import dev.ghcrdashboard.registry.ManifestDocument;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A package under construction: versions pushed in order (ids and creation times increase), and
 * the manifests the dashboard managed to read.
 */
public final class PackageFixture {

    public static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    private final List<PackageVersion> versions = new ArrayList<>();
    private final Map<String, ManifestDocument> manifests = new HashMap<>();
    private long nextId = 1000;
    private Instant clock = EPOCH;

    /** Pushes {@code manifest} as a new version with {@code tags}, one hour after the previous push. */
    public PackageVersion push(ManifestDocument manifest, String... tags) {
        manifests.put(manifest.digest(), manifest);
        return version(manifest.digest(), tags);
    }

    /** A version whose manifest the dashboard could not read. */
    public PackageVersion pushUnread(ManifestDocument manifest, String... tags) {
        return version(manifest.digest(), tags);
    }

    /** Moves the clock: the next push happens {@code gap} later than it otherwise would. */
    public PackageFixture wait(Duration gap) {
        clock = clock.plus(gap);
        return this;
    }

    public PackageGraph graph() {
        return PackageGraph.build(versions, manifests);
    }

    public List<PackageVersion> versions() {
        return List.copyOf(versions);
    }

    public Map<String, ManifestDocument> manifests() {
        return Map.copyOf(manifests);
    }

    private PackageVersion version(String digest, String... tags) {
        clock = clock.plus(Duration.ofHours(1));
        PackageVersion version = new PackageVersion(nextId++, digest, List.of(tags), clock, clock, null,
                "https://github.com/acme/packages/container/app/" + nextId);
        versions.add(version);
        return version;
    }
}
