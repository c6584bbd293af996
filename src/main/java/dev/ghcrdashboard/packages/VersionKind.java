package dev.ghcrdashboard.packages;

/** What a package version is, as far as its manifest and its neighbours tell. */
public enum VersionKind {
    /** A manifest that belongs to nothing present: a single-arch image, or an orphan. */
    IMAGE,
    /** An image index (manifest list), usually the tagged face of a multi-arch image. */
    MULTI_ARCH_INDEX,
    /** An image manifest listed by an index; untagged, yet the index cannot be pulled without it. */
    PLATFORM_MANIFEST,
    /** A buildx attestation manifest, a cosign {@code .att}/{@code .sbom}, or an in-toto referrer. */
    ATTESTATION,
    /** A cosign signature (legacy {@code .sig} tag or Sigstore bundle referrer). */
    SIGNATURE,
    /** Any other OCI 1.1 referrer, or a {@code sha256-<hex>} referrers tag index. */
    REFERRER,
    /** The manifest has not been read (not fetched yet, or the fetch failed). */
    UNKNOWN;

    /** The kind as every page names it: "multi-arch index", "platform manifest"… */
    public String label() {
        return switch (this) {
            case IMAGE -> "image";
            case MULTI_ARCH_INDEX -> "multi-arch index";
            case PLATFORM_MANIFEST -> "platform manifest";
            case ATTESTATION -> "attestation";
            case SIGNATURE -> "signature";
            case REFERRER -> "referrer";
            case UNKNOWN -> "reading…";
        };
    }
}
