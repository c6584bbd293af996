package dev.ghcrdashboard.cleanup;

import dev.ghcrdashboard.packages.VersionNode;

import java.util.List;

/**
 * One version the plan deletes.
 *
 * @param unitDigest the root whose unit brought this version into the plan (itself for a root)
 * @param unitTags that root's tags a person pulls by
 * @param why for {@link Reason#MATCHED_RULE}: which rules selected it ("images matching v*; they name all its tags");
 *     else {@code null}
 */
record PlanItem(VersionNode node, Reason reason, String unitDigest, List<String> unitTags, String why) {

    public enum Reason {
        /** A root the person picked. */
        SELECTED,
        /** A root a rule group selected; when the group has a tag rule, that rule names every tag the root has. */
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
            case MATCHED_RULE -> "selected by the rules: " + why;
            case GOES_WITH -> "part of " + Digests.image(unitDigest, unitTags) + ", which is deleted";
        };
    }
}
