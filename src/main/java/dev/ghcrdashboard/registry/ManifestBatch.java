package dev.ghcrdashboard.registry;

import java.util.Map;

/**
 * The result of a bulk manifest read: what was found, and why the rest failed. One failed digest never
 * hides the others.
 *
 * @param manifests digest → manifest, for every digest that could be read
 * @param failures digest → the reason it could not
 */
public record ManifestBatch(Map<String, ManifestDocument> manifests, Map<String, RegistryException> failures) {

    public ManifestBatch {
        manifests = Map.copyOf(manifests);
        failures = Map.copyOf(failures);
    }

    public boolean complete() {
        return failures.isEmpty();
    }
}
