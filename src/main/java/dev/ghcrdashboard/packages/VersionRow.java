package dev.ghcrdashboard.packages;

import java.util.Map;

/**
 * One line of a package's version table: a top-level version (depth 0) or something that belongs to
 * the version above it (platform manifest, attestation, signature…), indented by {@code depth}.
 *
 * @param size human-readable compressed size, or {@code null} while the manifest is unread
 * @param sizePending whether an unread manifest is being read (or waits to be); otherwise it is read only
 *     when someone opens the version
 * @param pullByTag one {@code docker pull} command per tag a person would pull by (and docker accepts), by tag, in tag order
 * @param href the version's own page
 */
record VersionRow(
        VersionNode node,
        int depth,
        String kindLabel,
        String platforms,
        String size,
        boolean sizePending,
        Map<String, String> pullByTag,
        String pullByDigest,
        String href) {

    /** The same row with a size learned since (a manifest read when its version was opened). */
    VersionRow withSize(String knownSize) {
        return new VersionRow(node, depth, kindLabel, platforms, knownSize, false, pullByTag, pullByDigest, href);
    }
}
