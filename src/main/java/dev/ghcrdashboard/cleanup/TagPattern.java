package dev.ghcrdashboard.cleanup;

import java.util.Objects;

/**
 * Names tags, and selects the images that have a named tag. With {@code matches = true} it names the tags the whole
 * pattern matches; with {@code matches = false} the tags it does not match. It never names a tag that is not a valid
 * OCI tag (GitHub has returned such tags; they may only look like a pattern, for instance after Unicode
 * normalisation), so untagged images and images with only such tags are never selected, either way. Construction
 * validates the pattern and throws {@link InvalidPatternException} with a message that shows where it failed.
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

    /** The same pattern, naming the tags it does not match. */
    public TagPattern negated() {
        return new TagPattern(pattern, syntax, !matches);
    }

    @Override
    public String describe() {
        String kind = syntax == Syntax.GLOB ? "glob" : "regular expression";
        return (matches ? "tags matching " : "tags not matching ") + kind + " '" + pattern + "'";
    }
}
