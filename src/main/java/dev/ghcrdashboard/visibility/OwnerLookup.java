package dev.ghcrdashboard.visibility;

import dev.ghcrdashboard.github.Owner;
import java.util.Optional;

/** Resolves the {@code {owner}} of a URL to an owner the person may look at, with its type. */
public interface OwnerLookup {

    Optional<Owner> find(Actor actor, String login);
}
