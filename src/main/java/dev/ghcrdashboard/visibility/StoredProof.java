package dev.ghcrdashboard.visibility;

/** The latest anonymous-pull proof recorded for one package. */
public record StoredProof(String ownerLogin, String packageName, PullProof proof) {
}
