package dev.ghcrdashboard.registry;

import java.util.Locale;
import java.util.Objects;

/**
 * A repository in the registry: {@code ghcr.io/acme/tools/cli} is owner {@code acme}, name {@code tools/cli}.
 * Registry paths use the nested name raw (only the REST API percent-encodes it); the owner is lowercased
 * because ghcr.io repository paths must be lowercase while GitHub logins are not.
 */
public record RegistryRepository(String owner, String name) {

    public RegistryRepository {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(name, "name");
        if (owner.isBlank() || name.isBlank() || name.startsWith("/") || name.endsWith("/") || name.contains("//")) {
            throw new IllegalArgumentException("not a repository: " + owner + "/" + name);
        }
        owner = owner.toLowerCase(Locale.ROOT);
    }

    /** The path after {@code /v2/}, as used in registry URLs and token scopes. */
    public String path() {
        return owner + "/" + name;
    }

    @Override
    public String toString() {
        return path();
    }
}
