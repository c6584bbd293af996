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

    /** Pushes each manifest as an untagged version, in order. */
    public void pushAll(ManifestDocument... untagged) {
        for (ManifestDocument manifest : untagged) {
            push(manifest);
        }
    }

    /** A buildx multi-arch image as one push leaves it: two platform images, an attestation of each, the index listing them. */
    public record MultiArch(ManifestDocument index, ManifestDocument amd64, ManifestDocument arm64,
            ManifestDocument amd64Att, ManifestDocument arm64Att) {
    }

    /**
     * Pushes a buildx multi-arch image of {@code amd64} (linux/amd64) and {@code arm64} (at
     * {@code arm64Platform}): the platform images and their attestations untagged, then the index with {@code tags}.
     */
    public MultiArch pushMultiArch(String label, ManifestDocument amd64, ManifestDocument arm64, String arm64Platform, String... tags) {
        ManifestDocument amd64Att = Manifests.buildxAttestation(label + "-amd64-att");
        ManifestDocument arm64Att = Manifests.buildxAttestation(label + "-arm64-att");
        ManifestDocument index = Manifests.index(label, Manifests.platform(amd64, "linux/amd64"), Manifests.platform(arm64, arm64Platform),
                Manifests.attestationEntry(amd64Att, amd64), Manifests.attestationEntry(arm64Att, arm64));
        pushAll(amd64, arm64, amd64Att, arm64Att);
        push(index, tags);
        return new MultiArch(index, amd64, arm64, amd64Att, arm64Att);
    }

    /** As above, with a linux/amd64 image of one 10,000-byte layer and a linux/arm64 image of one 20,000-byte layer. */
    public MultiArch pushMultiArch(String label, String... tags) {
        return pushMultiArch(label, Manifests.image(label + "-amd64", 10_000), Manifests.image(label + "-arm64", 20_000), "linux/arm64", tags);
    }

    /** Two tagged two-platform images, v1 and then v2, that share their linux/amd64 manifest. */
    public record SharedPlatform(ManifestDocument shared, ManifestDocument v1Arm64, ManifestDocument v2Arm64,
            ManifestDocument v1, ManifestDocument v2) {
    }

    /** Pushes v1 (shared amd64 + its own arm64, tagged {@code v1}), then v2 (the same amd64 + a new arm64, tagged {@code v2}); 100-byte layers. */
    public SharedPlatform pushTwoImagesSharingAmd64() {
        ManifestDocument shared = Manifests.image("amd64", 100);
        ManifestDocument v1Arm64 = Manifests.image("arm64-v1", 100);
        ManifestDocument v2Arm64 = Manifests.image("arm64-v2", 100);
        ManifestDocument v1 = Manifests.amd64AndArm64("v1", shared, v1Arm64);
        ManifestDocument v2 = Manifests.amd64AndArm64("v2", shared, v2Arm64);
        pushAll(shared, v1Arm64);
        push(v1, "v1");
        push(v2Arm64);
        push(v2, "v2");
        return new SharedPlatform(shared, v1Arm64, v2Arm64, v1, v2);
    }

    /** A tagged index that lists another index, which lists a linux/amd64 and a linux/arm64 image. */
    public record NestedIndex(ManifestDocument amd64, ManifestDocument arm64, ManifestDocument inner, ManifestDocument outer) {
    }

    /** Pushes the two images (100- and 200-byte layers) and the inner index untagged, then the outer index tagged {@code bundle}. */
    public NestedIndex pushNestedIndex() {
        ManifestDocument amd64 = Manifests.image("amd64", 100);
        ManifestDocument arm64 = Manifests.image("arm64", 200);
        ManifestDocument inner = Manifests.amd64AndArm64("inner", amd64, arm64);
        ManifestDocument outer = Manifests.index("outer", Manifests.entry(inner));
        pushAll(amd64, arm64, inner);
        push(outer, "bundle");
        return new NestedIndex(amd64, arm64, inner, outer);
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
