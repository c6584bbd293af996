package dev.ghcrdashboard.packages;

import java.util.Locale;

/** Which top-level versions a package page lists. */
enum VersionFilter {
    ALL, TAGGED, UNTAGGED, ORPHANED;

    static VersionFilter parse(String value) {
        if (value == null || value.isBlank()) {
            return ALL;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Show must be all, tagged, untagged or orphaned.");
        }
    }

    boolean accepts(VersionNode root) {
        return switch (this) {
            case ALL -> true;
            case TAGGED -> !root.tags().isEmpty();
            case UNTAGGED -> root.tags().isEmpty();
            case ORPHANED -> root.orphaned();
        };
    }
}
