package dev.ghcrdashboard.visibility;

import dev.ghcrdashboard.github.AccessToken;
import java.util.Objects;

/** The signed-in person acting on this feature's pages and the token GitHub granted them. */
public record Actor(String login, AccessToken token) {

    public Actor {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(token, "token");
    }
}
