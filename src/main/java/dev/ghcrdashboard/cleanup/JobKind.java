package dev.ghcrdashboard.cleanup;

/** What a background job does to each of its versions. */
public enum JobKind {
    DELETE, RESTORE
}
