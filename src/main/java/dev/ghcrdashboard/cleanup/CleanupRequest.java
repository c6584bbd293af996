package dev.ghcrdashboard.cleanup;

import java.util.List;
import java.util.Set;

/**
 * What a person asked to delete: versions picked by id, and/or rules. The units deleted are the
 * picked roots plus the roots matching every selecting rule; {@link KeepNewestTagged} then
 * protects from both.
 */
record CleanupRequest(Set<Long> selectedVersionIds, List<Criterion> criteria) {

    public CleanupRequest {
        selectedVersionIds = selectedVersionIds == null ? Set.of() : Set.copyOf(selectedVersionIds);
        criteria = criteria == null ? List.of() : List.copyOf(criteria);
    }

    public static CleanupRequest selecting(Set<Long> versionIds) {
        return new CleanupRequest(versionIds, List.of());
    }

    public static CleanupRequest matching(Criterion... criteria) {
        return new CleanupRequest(Set.of(), List.of(criteria));
    }
}
