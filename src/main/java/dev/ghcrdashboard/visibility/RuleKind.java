package dev.ghcrdashboard.visibility;

import dev.ghcrdashboard.github.Visibility;

/** The policies an owner can set. */
enum RuleKind {
    LINKED_PRIVATE_REPOSITORY_MUST_BE_PRIVATE(false, Visibility.PRIVATE,
            "Packages linked to a private repository must be private"),
    NAME_PATTERN_MUST_BE_PUBLIC(true, Visibility.PUBLIC, "Names matching a pattern must be public"),
    NAME_PATTERN_MUST_BE_PRIVATE(true, Visibility.PRIVATE, "Names matching a pattern must be private");

    private final boolean needsPattern;
    private final Visibility required;
    private final String label;

    RuleKind(boolean needsPattern, Visibility required, String label) {
        this.needsPattern = needsPattern;
        this.required = required;
        this.label = label;
    }

    public boolean needsPattern() {
        return needsPattern;
    }

    public Visibility required() {
        return required;
    }

    public String label() {
        return label;
    }
}
