package dev.ghcrdashboard.cleanup;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The cleanup form as typed: picked version ids and rules. Kept as text so an invalid value comes
 * back to the form unchanged, next to its error.
 *
 * @param tagMode {@code matching} or {@code not-matching}
 * @param tagSyntax {@code glob} or {@code regex}
 */
public record CleanupForm(List<Long> select, boolean orphans, String olderThan, String tagPattern, String tagSyntax,
                          String tagMode, String keepNewest) {

    public CleanupForm {
        select = select == null ? List.of() : List.copyOf(new LinkedHashSet<>(select));
        olderThan = blankToEmpty(olderThan);
        tagPattern = tagPattern == null ? "" : tagPattern;
        tagSyntax = "regex".equals(tagSyntax) ? "regex" : "glob";
        tagMode = "not-matching".equals(tagMode) ? "not-matching" : "matching";
        keepNewest = blankToEmpty(keepNewest);
    }

    public static CleanupForm empty() {
        return new CleanupForm(List.of(), false, "", "", "glob", "matching", "");
    }

    /** Whether the person asked for anything at all (an empty form shows no preview). */
    public boolean asksForSomething() {
        return !select.isEmpty() || orphans || !olderThan.isEmpty() || !tagPattern.isEmpty();
    }

    public boolean selected(long versionId) {
        return select.contains(versionId);
    }

    /**
     * The planner's request.
     *
     * @throws FieldError naming the field whose value cannot be used
     */
    CleanupRequest toRequest() {
        List<Criterion> criteria = new ArrayList<>();
        if (orphans) {
            criteria.add(new UntaggedOrphans());
        }
        if (!olderThan.isEmpty()) {
            criteria.add(new OlderThan(number("olderThan", olderThan, "The age")));
        }
        if (!tagPattern.isEmpty()) {
            try {
                TagPattern pattern = "regex".equals(tagSyntax) ? TagPattern.regex(tagPattern) : TagPattern.glob(tagPattern);
                criteria.add("not-matching".equals(tagMode) ? pattern.negated() : pattern);
            } catch (InvalidPatternException e) {
                throw new FieldError("tagPattern", e.getMessage());
            }
        }
        if (!keepNewest.isEmpty()) {
            criteria.add(new KeepNewestTagged(number("keepNewest", keepNewest, "The number of tagged images to keep")));
        }
        return new CleanupRequest(new LinkedHashSet<>(select), criteria);
    }

    private static int number(String field, String value, String what) {
        try {
            int number = Integer.parseInt(value.trim());
            if (number < 0 || number > 100_000) {
                throw new FieldError(field, what + " must be between 0 and 100000.");
            }
            return number;
        } catch (NumberFormatException e) {
            throw new FieldError(field, what + " must be a whole number, not '" + value + "'.");
        }
    }

    private static String blankToEmpty(String value) {
        return value == null || value.isBlank() ? "" : value.trim();
    }

    /** A form value that cannot be used; {@code field} is the input's name. */
    static final class FieldError extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        private final String field;

        FieldError(String field, String message) {
            super(message);
            this.field = field;
        }

        String field() {
            return field;
        }
    }
}
