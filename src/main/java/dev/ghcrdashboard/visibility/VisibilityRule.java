package dev.ghcrdashboard.visibility;

import java.time.Instant;

/**
 * One policy of an owner.
 *
 * @param pattern a glob for the name rules ({@code *} within one path segment, {@code **} across
 *                segments, {@code ?} one character); {@code null} for the repository rule
 */
record VisibilityRule(Long id, String ownerLogin, RuleKind kind, String pattern, String createdBy,
                             Instant createdAt) {

    /** Whether the rule speaks about this package at all (not whether it is broken). */
    boolean appliesTo(String packageName, Boolean repositoryPrivate) {
        return switch (kind) {
            case LINKED_PRIVATE_REPOSITORY_MUST_BE_PRIVATE -> Boolean.TRUE.equals(repositoryPrivate);
            case NAME_PATTERN_MUST_BE_PUBLIC, NAME_PATTERN_MUST_BE_PRIVATE -> Glob.matches(pattern, packageName);
        };
    }

    public String describe() {
        return kind.needsPattern() ? kind.label().replace("a pattern", "\u201c" + pattern + "\u201d") : kind.label();
    }
}
