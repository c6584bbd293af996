package dev.ghcrdashboard.cleanup;

/**
 * A cleanup rule, one condition of a {@link RuleGroup}. {@link UntaggedOrphans}, {@link OlderThan} and
 * {@link TagPattern} select images (all of a group's must hold); a tag pattern also names the tags it removes.
 * {@link KeepNewest} keeps the newest tagged (or untagged) images of what the group's other rules select, and alone
 * selects every tagged (untagged) image but the newest. {@link KeepReleases} narrows the others and selects
 * nothing itself.
 */
sealed interface Criterion permits UntaggedOrphans, OlderThan, TagPattern, KeepNewest, KeepReleases {

    /** A short human description for a preview ("older than 30 days"). */
    String describe();

    /** The one check the numeric rules share: a count or an age below zero is a mistake, not "none". */
    static void requireNotNegative(int value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must not be negative, was " + value);
        }
    }
}
