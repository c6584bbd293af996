package dev.ghcrdashboard.visibility;

/**
 * Proves effective visibility without credentials: an anonymous registry token plus a manifest HEAD
 * succeeds only for a public package (docs/ghcr-platform.md §6).
 */
interface AnonymousPullProver {

    PullProof prove(String owner, String packageName);
}
