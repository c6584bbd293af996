package dev.ghcrdashboard.cleanup;

/** Selects roots that are untagged and belong to nothing present (never while manifests are unread). */
record UntaggedOrphans() implements Criterion {

    @Override
    public String describe() {
        return "untagged and part of no image";
    }
}
