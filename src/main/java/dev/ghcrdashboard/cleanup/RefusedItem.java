package dev.ghcrdashboard.cleanup;

import dev.ghcrdashboard.packages.VersionNode;

/** A version the plan would delete but cannot, and why. */
record RefusedItem(VersionNode node, Reason reason) {

    public enum Reason {
        /** GitHub never deletes the last version of a package; the package itself must be deleted. */
        LAST_VERSION,
        /** Its manifest was not read, so what it holds or belongs to is unknown. */
        UNKNOWN_STRUCTURE,
        /** Some other manifest is unread and may be an index listing this version (untagged or a plain manifest). */
        GRAPH_INCOMPLETE
    }

    public String explanation() {
        return switch (reason) {
            case LAST_VERSION -> "GitHub cannot delete the last version of a package; delete the whole package instead";
            case UNKNOWN_STRUCTURE -> "its manifest has not been read, so what it holds is unknown; reload the manifests and plan again";
            case GRAPH_INCOMPLETE -> "some manifests of this package have not been read and one of them might be an image that uses"
                    + " this version; reload the manifests and plan again";
        };
    }
}
