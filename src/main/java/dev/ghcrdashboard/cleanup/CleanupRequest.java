package dev.ghcrdashboard.cleanup;

import java.util.List;
import java.util.Set;

/**
 * What a person asked to clean up: versions picked by id (deleted whole), and rule groups. What goes is the union
 * of the picks and of what each group selects; a group's tag rule removes the tags it names, and deletes an image
 * only when it names all of its tags.
 */
record CleanupRequest(Set<Long> selectedVersionIds, List<RuleGroup> groups) {

    public CleanupRequest {
        selectedVersionIds = selectedVersionIds == null ? Set.of() : Set.copyOf(selectedVersionIds);
        groups = groups == null ? List.of() : groups.stream().filter(RuleGroup::selects).toList();
    }

    public static CleanupRequest selecting(Set<Long> versionIds) {
        return new CleanupRequest(versionIds, List.of());
    }

    /** One group of rules that must all hold. */
    public static CleanupRequest matching(Criterion... criteria) {
        return new CleanupRequest(Set.of(), List.of(RuleGroup.of(criteria)));
    }

    public static CleanupRequest groups(RuleGroup... groups) {
        return new CleanupRequest(Set.of(), List.of(groups));
    }
}
