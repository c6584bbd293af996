package dev.ghcrdashboard.cleanup;

/**
 * Selects orphans: images that are untagged and belong to nothing present, and referrers (signatures, attestations,
 * {@code sha256-<hex>} indexes) whose subject is gone. Never while manifests are unread.
 */
record UntaggedOrphans() implements Criterion {

    @Override
    public String describe() {
        return "orphans (untagged and part of no image, or referring to an image that is gone)";
    }
}
