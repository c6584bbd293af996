package dev.ghcrdashboard.packages;

import dev.ghcrdashboard.github.PackageVersion;
import dev.ghcrdashboard.registry.Platform;

import java.util.List;
import java.util.Map;

/**
 * One package version placed in its package's graph.
 *
 * @param platforms for an index: the platforms of its image entries; for a platform manifest: the
 *     platform its index lists it under; otherwise empty (the config blob is never fetched)
 * @param compressedSize config plus layers; for an index the sum over its image children present
 *     in the package; 0 when unknown
 * @param sizeByPlatform compressed size per platform ({@code linux/arm64/v8} → bytes)
 * @param childDigests every digest an index lists, present in the package or not
 * @param ownerDigests the present versions this one directly belongs to (indexes listing it, its
 *     subject, the image a cosign tag names)
 * @param subjectDigest what this version refers to ({@code subject}, or the digest in a
 *     {@code sha256-<hex>…} tag), present or not; {@code null} when it refers to nothing
 * @param orphaned belonging to nothing present and either untagged or a referrer whose subject is gone (only
 *     referrer-scheme tags, naming a digest that is not a version); never true while the graph is incomplete,
 *     because an unread index may list it
 */
public record VersionNode(
        PackageVersion version,
        VersionKind kind,
        List<Platform> platforms,
        long compressedSize,
        Map<String, Long> sizeByPlatform,
        List<String> childDigests,
        List<String> ownerDigests,
        String subjectDigest,
        boolean orphaned) {

    public VersionNode {
        platforms = List.copyOf(platforms);
        sizeByPlatform = Map.copyOf(sizeByPlatform);
        childDigests = List.copyOf(childDigests);
        ownerDigests = List.copyOf(ownerDigests);
    }

    public long id() {
        return version.id();
    }

    public String digest() {
        return version.digest();
    }

    public List<String> tags() {
        return version.tags();
    }

    public boolean tagged() {
        return version.tagged();
    }

    /**
     * Whether the version carries a tag a person would pull by. Referrer-scheme tags
     * ({@code sha256-<hex>}, {@code sha256-<hex>.sig|.att|.sbom}) are bookkeeping of signing tools
     * and do not count.
     */
    public boolean named() {
        for (String tag : version.tags()) {
            if (!ReferrerTags.isReferrerTag(tag)) {
                return true;
            }
        }
        return false;
    }

    /** The tags a person would pull by (see {@link #named()}). */
    public List<String> names() {
        return version.tags().stream().filter(tag -> !ReferrerTags.isReferrerTag(tag)).toList();
    }
}
