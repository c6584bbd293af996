package dev.ghcrdashboard.cleanup;

import dev.ghcrdashboard.packages.VersionNode;

import java.util.List;

/**
 * An image that stays but loses some of its tags: the rules name these tags and not all of the image's.
 *
 * @param removed the tags the rules name, in the image's order
 * @param remaining the tags it keeps
 * @param rules what the rule groups that named the tags select
 */
record UntagItem(VersionNode node, List<String> removed, List<String> remaining, String rules) {

    public UntagItem {
        removed = List.copyOf(removed);
        remaining = List.copyOf(remaining);
    }

    public String explanation() {
        return "untag " + String.join(", ", removed) + " (selected by the rules: " + rules + "); the image stays with "
                + String.join(", ", remaining);
    }
}
