package dev.ghcrdashboard.github;

import java.util.Objects;

/**
 * A GitHub OAuth user token. Its {@link #toString()} never reveals the value, so a token that slips
 * into a log line, an exception message or a template shows up as {@code AccessToken[***]}.
 */
public record AccessToken(String value) {

    public AccessToken {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "AccessToken[***]";
    }
}
