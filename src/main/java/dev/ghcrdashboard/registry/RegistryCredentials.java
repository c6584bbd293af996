package dev.ghcrdashboard.registry;

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

    /** The one anonymous caller. */
    final class Anonymous implements RegistryCredentials {

        private static final Anonymous INSTANCE = new Anonymous();

        private Anonymous() {
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
        public String toString() {
            return "User[login=" + login + ", token=***]";
        }
    }
}
