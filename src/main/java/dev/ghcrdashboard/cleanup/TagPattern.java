package dev.ghcrdashboard.cleanup;

import java.util.Objects;

/**
 * Selects roots by tag. A root matches when ANY of its tags matches the whole pattern; with
 * {@code matches = false} it matches when NONE does. Untagged roots never match, either way.
 * Construction validates the pattern and throws {@link InvalidPatternException} with a message
 * that shows where it failed.
 *
 * @param syntax {@link Syntax#GLOB} ({@code *} any run of characters, {@code ?} one character) or
 *     {@link Syntax#REGEX} (Java syntax, anchored at both ends)
 */
record TagPattern(String pattern, Syntax syntax, boolean matches) implements Criterion {

    public enum Syntax { GLOB, REGEX }

    public TagPattern {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(syntax, "syntax");
        TagMatcher.compile(pattern, syntax);
    }

    public static TagPattern glob(String pattern) {
        return new TagPattern(pattern, Syntax.GLOB, true);
    }

    public static TagPattern regex(String pattern) {
        return new TagPattern(pattern, Syntax.REGEX, true);
    }

    /** The same pattern, selecting roots where no tag matches. */
    public TagPattern negated() {
        return new TagPattern(pattern, syntax, !matches);
    }

    @Override
    public String describe() {
        String kind = syntax == Syntax.GLOB ? "glob" : "regular expression";
        return (matches ? "a tag matches " : "no tag matches ") + kind + " '" + pattern + "'";
    }
}
