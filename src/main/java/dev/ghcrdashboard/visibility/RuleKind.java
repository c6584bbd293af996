package dev.ghcrdashboard.visibility;

import dev.ghcrdashboard.github.Visibility;

/** The policies an owner can set. */
enum RuleKind {
    LINKED_PRIVATE_REPOSITORY_MUST_BE_PRIVATE,
    NAME_PATTERN_MUST_BE_PUBLIC,
    NAME_PATTERN_MUST_BE_PRIVATE;

    public String label() {
        return switch (this) {
            case LINKED_PRIVATE_REPOSITORY_MUST_BE_PRIVATE -> "Packages linked to a private repository must be private";
            case NAME_PATTERN_MUST_BE_PUBLIC -> "Names matching a pattern must be public";
            case NAME_PATTERN_MUST_BE_PRIVATE -> "Names matching a pattern must be private";
        };
    }

    /** Whether the rule picks its packages by a name pattern (the other one by their linked repository). */
    public boolean needsPattern() {
        return this != LINKED_PRIVATE_REPOSITORY_MUST_BE_PRIVATE;
    }

    /** The visibility the rule's packages must have. */
    public Visibility required() {
        return this == NAME_PATTERN_MUST_BE_PUBLIC ? Visibility.PUBLIC : Visibility.PRIVATE;
    }
}
