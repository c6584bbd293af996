package dev.ghcrdashboard.cleanup;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import dev.ghcrdashboard.common.BadRequestException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import org.springframework.validation.Errors;
import org.springframework.validation.MapBindingResult;

/**
 * One rule group of the cleanup form as typed. Numbers are kept as text so an invalid value comes back to the form
 * unchanged, next to its error; a number left empty is {@code null}.
 *
 * @param tagMode {@code matching} or {@code not-matching}
 * @param tagSyntax {@code glob} or {@code regex}
 * @param keepNewest how many of the newest tagged images the group keeps
 * @param keepUntagged how many of the newest untagged images the group keeps
 * @param keepReleases whether the group leaves semantic-version release tags alone ({@link KeepReleases})
 */
public record RuleGroupForm(
        // A wrapper, not a primitive: an unticked checkbox sends nothing, and binding leaves it null.
        Boolean orphans,
        @Pattern(regexp = "\\d*", message = "The age must be a whole number of days.")
        @Max(value = 100_000, message = "The age must be at most 100000 days.") String olderThan,
        @Size(max = 500, message = "A tag pattern is at most 500 characters.") String tagPattern,
        String tagSyntax,
        String tagMode,
        @Pattern(regexp = "\\d*", message = "The number of tagged images to keep must be a whole number.")
        @Max(value = 100_000, message = "At most 100000 tagged images can be kept.") String keepNewest,
        @Pattern(regexp = "\\d*", message = "The number of untagged images to keep must be a whole number.")
        @Max(value = 100_000, message = "At most 100000 untagged images can be kept.") String keepUntagged,
        Boolean keepReleases) {

    private static final java.util.regex.Pattern GROUP_INDEX = java.util.regex.Pattern.compile("groups\\[(\\d+)]");

    public RuleGroupForm {
        orphans = Boolean.TRUE.equals(orphans);
        olderThan = blankToNull(olderThan);
        tagPattern = tagPattern == null ? "" : tagPattern;
        tagSyntax = "regex".equals(tagSyntax) ? "regex" : "glob";
        tagMode = "not-matching".equals(tagMode) ? "not-matching" : "matching";
        keepNewest = blankToNull(keepNewest);
        keepUntagged = blankToNull(keepUntagged);
        keepReleases = Boolean.TRUE.equals(keepReleases);
    }

    /**
     * Refuses request parameters naming a rule group at {@code max} or beyond ({@code groups[100000].tagPattern}):
     * Spring's constructor binding fails on a list index past its growth limit instead of refusing it, so a form
     * with groups checks its parameters before binding.
     *
     * @throws BadRequestException saying how many groups a form takes
     */
    public static void refuseGroupIndexesFrom(Collection<String> parameterNames, int max) {
        for (String parameter : parameterNames) {
            Matcher index = GROUP_INDEX.matcher(parameter);
            if (index.lookingAt() && (index.group(1).length() > 3 || Integer.parseInt(index.group(1)) >= max)) {
                throw new BadRequestException("At most " + max + " rule groups.");
            }
        }
    }

    public static RuleGroupForm empty() {
        return new RuleGroupForm(false, null, "", "glob", "matching", null, null, false);
    }

    /** Whether the group asks for anything at all. */
    public boolean asksForSomething() {
        return orphans || olderThan != null || !tagPattern.isEmpty() || keepNewest != null || keepUntagged != null || keepReleases;
    }

    /** The group as the planner reads it, for a list of saved rules ("a tag matches glob 'pr-*', keep the 2 newest tagged images"). */
    public String describe() {
        return toGroup(new MapBindingResult(new HashMap<>(), "group"), "").map(RuleGroup::describe).orElse("rules that cannot be used");
    }

    /**
     * The planner's group, once the fields passed their checks; a tag pattern the planner cannot use, or two keep
     * rules in one group, is reported in {@code errors} beside its field ({@code prefix} is the group's path).
     */
    Optional<RuleGroup> toGroup(Errors errors, String prefix) {
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
                errors.rejectValue(prefix + "tagPattern", "invalid", e.getMessage());
                return Optional.empty();
            }
        }
        if (keepNewest != null && keepUntagged != null) {
            errors.rejectValue(prefix + "keepUntagged", "twoKeeps",
                    "A group keeps the newest tagged or the newest untagged images, not both; use a second group for the other.");
            return Optional.empty();
        }
        if (keepNewest != null) {
            criteria.add(KeepNewest.tagged(Integer.parseInt(keepNewest)));
        }
        if (keepUntagged != null) {
            criteria.add(KeepNewest.untagged(Integer.parseInt(keepUntagged)));
        }
        if (keepReleases) {
            if (criteria.isEmpty()) {
                errors.rejectValue(prefix + "keepReleases", "alone",
                        "Keeping releases narrows the group's other rules: choose at least one rule for it to narrow.");
                return Optional.empty();
            }
            criteria.add(new KeepReleases());
        }
        return Optional.of(new RuleGroup(criteria));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
