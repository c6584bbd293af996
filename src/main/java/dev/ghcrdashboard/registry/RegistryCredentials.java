package dev.ghcrdashboard.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

import dev.ghcrdashboard.github.AccessToken;

/** Who asks the registry's token endpoint for a token: nobody (public pulls) or a GitHub user with a token. */
public sealed interface RegistryCredentials {

    static RegistryCredentials anonymous() {
        return Anonymous.INSTANCE;
    }

    static RegistryCredentials user(String login, AccessToken token) {
        return new User(login, token);
    }

    /**
     * Distinguishes cached registry tokens. For a user it includes a hash of the token, so a new
     * GitHub token (other scopes, SSO authorization) never reuses a registry token issued for an old one.
     */
    String identity();

    /** The {@code Authorization} value for the token endpoint, or {@code null} to ask anonymously. */
    String basicAuthorization();

    /** The one anonymous caller. */
    final class Anonymous implements RegistryCredentials {

        private static final Anonymous INSTANCE = new Anonymous();

        private Anonymous() {
        }

        @Override
        public String identity() {
            return "anonymous";
        }

        @Override
        public String basicAuthorization() {
            return null;
        }

        @Override
        public String toString() {
            return "anonymous";
        }
    }

    /** A GitHub login and its token; {@link #toString()} never shows the token. */
    record User(String login, AccessToken token) implements RegistryCredentials {

        public User {
            Objects.requireNonNull(login, "login");
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String identity() {
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.value().getBytes(StandardCharsets.UTF_8));
                return "user:" + login + ":" + HexFormat.of().formatHex(hash, 0, 16);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JRE", e);
            }
        }

        @Override
        public String basicAuthorization() {
            String pair = login + ":" + token.value();
            return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "User[login=" + login + ", token=***]";
        }
    }
}
