package dev.ghcrdashboard.cleanup;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rules that select together: an image is selected when every selecting rule holds for it (AND), and of those the
 * newest are kept when the group has a keep rule. A cleanup is the union of its groups.
 */
record RuleGroup(List<Criterion> criteria) {

    public RuleGroup {
        criteria = List.copyOf(criteria);
        long keeps = criteria.stream().filter(KeepNewest.class::isInstance).count();
        if (keeps > 1) {
            throw new IllegalArgumentException("A rule group keeps the newest tagged or the newest untagged images, not both.");
        }
        if (criteria.stream().allMatch(KeepReleases.class::isInstance) && !criteria.isEmpty()) {
            throw new IllegalArgumentException("Keeping releases narrows the other rules of a group; it selects nothing alone.");
        }
    }

    static RuleGroup of(Criterion... criteria) {
        return new RuleGroup(List.of(criteria));
    }

    /** The rules that select (everything but the keep rules). */
    List<Criterion> selectors() {
        return criteria.stream()
                .filter(criterion -> !(criterion instanceof KeepNewest) && !(criterion instanceof KeepReleases))
                .toList();
    }

    /** Whether release tags are out of the group's reach. */
    boolean keepsReleases() {
        return criteria.stream().anyMatch(KeepReleases.class::isInstance);
    }

    List<TagPattern> tagPatterns() {
        return criteria.stream().filter(TagPattern.class::isInstance).map(TagPattern.class::cast).toList();
    }

    /** How many images the keep rule keeps; 0 without one. */
    int keepCount() {
        return keep().map(KeepNewest::count).orElse(0);
    }

    /** Whether the keep rule (if any) keeps untagged images rather than tagged ones. */
    boolean keepsUntagged() {
        return keep().filter(KeepNewest::keepsUntagged).isPresent();
    }

    boolean hasKeep() {
        return keep().isPresent();
    }

    private Optional<KeepNewest> keep() {
        return criteria.stream().filter(KeepNewest.class::isInstance).map(KeepNewest.class::cast).findFirst();
    }

    /** Whether the group selects anything at all (an empty group does not). */
    boolean selects() {
        return !criteria.isEmpty();
    }

    /**
     * What the group selects, as a noun phrase: "images matching v*", "tagged images older than 30 days" (with a
     * keep rule, the kind it keeps), "untagged images".
     */
    String selection() {
        List<String> parts = new ArrayList<>();
        for (Criterion criterion : selectors()) {
            if (criterion instanceof TagPattern pattern) {
                parts.add((pattern.matches() ? "matching " : "with tags not matching ") + pattern.pattern());
            } else if (criterion instanceof UntaggedOrphans) {
                parts.add("that are orphans");
            } else {
                parts.add(criterion.describe());
            }
        }
        String kind = keepsUntagged() ? "untagged images" : hasKeep() && tagPatterns().isEmpty() ? "tagged images" : "images";
        return parts.isEmpty() ? kind : kind + " " + String.join(" and ", parts);
    }

    /** The whole group for a preview: "a tag matches glob 'v*', keep the 2 newest tagged images". */
    String describe() {
        return String.join(", ", criteria.stream().map(Criterion::describe).toList());
    }
}
