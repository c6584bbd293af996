package dev.ghcrdashboard.cleanup;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.springframework.validation.Errors;

/**
 * The cleanup form as typed: picked version ids and rules. Numbers are kept as text so an invalid value
 * comes back to the form unchanged, next to its error; a number left empty is {@code null}.
 *
 * @param tagMode {@code matching} or {@code not-matching}
 * @param tagSyntax {@code glob} or {@code regex}
 */
record CleanupForm(
        List<Long> select,
        // A wrapper, not a primitive: an unticked checkbox sends nothing, and binding leaves it null.
        Boolean orphans,
        @Pattern(regexp = "\\d*", message = "The age must be a whole number of days.")
        @Max(value = 100_000, message = "The age must be at most 100000 days.") String olderThan,
        @Size(max = 500, message = "A tag pattern is at most 500 characters.") String tagPattern,
        String tagSyntax,
        String tagMode,
        @Pattern(regexp = "\\d*", message = "The number of tagged images to keep must be a whole number.")
        @Max(value = 100_000, message = "At most 100000 tagged images can be kept.") String keepNewest) {

    public CleanupForm {
        select = select == null ? List.of() : List.copyOf(new LinkedHashSet<>(select));
        orphans = Boolean.TRUE.equals(orphans);
        olderThan = blankToNull(olderThan);
        tagPattern = tagPattern == null ? "" : tagPattern;
        tagSyntax = "regex".equals(tagSyntax) ? "regex" : "glob";
        tagMode = "not-matching".equals(tagMode) ? "not-matching" : "matching";
        keepNewest = blankToNull(keepNewest);
    }

    /** Whether the person asked for anything at all (an empty form shows no preview). */
    public boolean asksForSomething() {
        return !select.isEmpty() || orphans || olderThan != null || !tagPattern.isEmpty();
    }

    public boolean selected(long versionId) {
        return select.contains(versionId);
    }

    /**
     * The planner's request, once the form passed its field checks; a tag pattern the planner cannot use
     * (it does not compile, or is too expensive) is reported in {@code errors} beside its field.
     */
    Optional<CleanupRequest> toRequest(Errors errors) {
        List<Criterion> criteria = new ArrayList<>();
        if (orphans) {
            criteria.add(new UntaggedOrphans());
        }
        if (olderThan != null) {
            criteria.add(new OlderThan(Integer.parseInt(olderThan)));
        }
        if (!tagPattern.isEmpty()) {
            try {
                TagPattern pattern = "regex".equals(tagSyntax) ? TagPattern.regex(tagPattern) : TagPattern.glob(tagPattern);
                criteria.add("not-matching".equals(tagMode) ? pattern.negated() : pattern);
            } catch (InvalidPatternException e) {
                errors.rejectValue("tagPattern", "invalid", e.getMessage());
                return Optional.empty();
            }
        }
        if (keepNewest != null) {
            criteria.add(new KeepNewestTagged(Integer.parseInt(keepNewest)));
        }
        return Optional.of(new CleanupRequest(new LinkedHashSet<>(select), criteria));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
