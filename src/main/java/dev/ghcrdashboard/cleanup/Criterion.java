package dev.ghcrdashboard.cleanup;

/**
 * A cleanup rule. {@link UntaggedOrphans}, {@link OlderThan} and {@link TagPattern} select roots
 * (all of them must hold); {@link KeepNewestTagged} only ever protects and never selects anything
 * by itself.
 */
sealed interface Criterion permits UntaggedOrphans, OlderThan, TagPattern, KeepNewestTagged {

    /** A short human description for a preview ("older than 30 days"). */
    String describe();
}
