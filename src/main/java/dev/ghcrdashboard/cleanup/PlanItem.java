package dev.ghcrdashboard.cleanup;

import dev.ghcrdashboard.packages.VersionNode;

import java.util.List;

/**
 * One version the plan deletes.
 *
 * @param unitDigest the root whose unit brought this version into the plan (itself for a root)
 * @param unitTags that root's tags a person pulls by
 */
record PlanItem(VersionNode node, Reason reason, String unitDigest, List<String> unitTags) {

    public enum Reason {
        /** A root the person picked. */
        SELECTED,
        /** A root every selecting rule matched. */
        MATCHED_RULE,
        /** Part of a deleted unit: a platform manifest, attestation, signature or referrer. */
        GOES_WITH
    }

    public PlanItem {
        unitTags = List.copyOf(unitTags);
    }

    public String explanation() {
        return switch (reason) {
            case SELECTED -> "selected";
            case MATCHED_RULE -> "matches the rules";
            case GOES_WITH -> "part of " + Digests.image(unitDigest, unitTags) + ", which is deleted";
        };
    }
}
