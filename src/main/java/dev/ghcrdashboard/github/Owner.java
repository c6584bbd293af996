package dev.ghcrdashboard.github;

/** A user or organization that can own container packages. */
public record Owner(String login, OwnerType type, String avatarUrl) {
}
