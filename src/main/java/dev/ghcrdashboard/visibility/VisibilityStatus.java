package dev.ghcrdashboard.visibility;

import dev.ghcrdashboard.github.Visibility;

/**
 * What the badge shows for one package: the visibility GitHub reports next to the latest proof.
 *
 * @param reported what GitHub reports, or {@code null} when unknown
 * @param proof the latest stored proof, or {@code null} when never proved
 */
public record VisibilityStatus(String ownerLogin, String packageName, Visibility reported, StoredProof proof) {

    public boolean proved() {
        return proof != null;
    }

    /**
     * GitHub and the registry disagree: private (or internal) yet anonymously pullable is a leak;
     * public yet denied breaks every anonymous consumer.
     */
    public boolean disagrees() {
        if (proof == null || reported == null) {
            return false;
        }
        return proof.proof().pullable() != (reported == Visibility.PUBLIC);
    }

    /** The dangerous direction of a disagreement: the world can pull what GitHub calls non-public. */
    public boolean leaks() {
        return disagrees() && proof.proof().pullable();
    }
}
