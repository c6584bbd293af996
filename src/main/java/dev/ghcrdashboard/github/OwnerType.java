package dev.ghcrdashboard.github;

/** Whose namespace a package lives in; decides which REST path prefix addresses it. */
public enum OwnerType {
    USER,
    ORGANIZATION
}
