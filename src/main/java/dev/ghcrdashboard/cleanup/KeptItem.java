package dev.ghcrdashboard.cleanup;

import dev.ghcrdashboard.packages.VersionNode;

import java.util.List;

/**
 * A version that was picked, matched, or is part of a deleted unit, yet stays.
 *
 * @param keeperDigest the version that makes it stay (a staying image, or itself)
 * @param keeperTags that version's tags a person pulls by
 * @param detail for {@link Reason#KEEP_NEWEST}: how many of what the keep rule keeps ("2 newest images matching v*");
 *     for {@link Reason#RELEASE}: the release tags
 */
record KeptItem(VersionNode node, Reason reason, String keeperDigest, List<String> keeperTags, String detail) {

    public enum Reason {
        /** Also part of an image that stays; deleting it would break that image. */
        STILL_USED,
        /** Listed by a deleted index but carries its own tags, which must keep working. */
        OWN_TAGS,
        /** Among the newest images a {@link KeepNewest} rule keeps from its group. */
        KEEP_NEWEST,
        /** Carries a semantic-version release tag that a {@link KeepReleases} rule keeps. */
        RELEASE,
        /** Untagged or unread itself, while some manifest of the package is unread and might list it. */
        WAITING_FOR_UNREAD_MANIFESTS
    }

    public KeptItem {
        keeperTags = List.copyOf(keeperTags);
    }

    KeptItem(VersionNode node, Reason reason, String keeperDigest, List<String> keeperTags) {
        this(node, reason, keeperDigest, keeperTags, null);
    }

    public String explanation() {
        return switch (reason) {
            case STILL_USED -> "still used by " + Digests.image(keeperDigest, keeperTags);
            case OWN_TAGS -> "has its own tags (" + String.join(", ", keeperTags) + "); delete it separately if it should go";
            case KEEP_NEWEST -> "kept: among the " + detail;
            case RELEASE -> "kept: a semantic-version release (" + detail + ")";
            case WAITING_FOR_UNREAD_MANIFESTS -> "stays until every manifest of the package has been read: until then it is not known"
                    + " whether another image still uses it";
        };
    }
}
