package dev.ghcrdashboard.cleanup;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.validation.Errors;

/**
 * The cleanup form as typed: picked version ids and rule groups (bound as {@code groups[0].tagPattern}, …). A page
 * always has at least one group to fill in.
 */
record CleanupForm(
        List<Long> select,
        @Valid @Size(max = MAX_GROUPS, message = "At most " + MAX_GROUPS + " rule groups.") List<RuleGroupForm> groups) {

    static final int MAX_GROUPS = 10;

    public CleanupForm {
        select = select == null ? List.of() : List.copyOf(new LinkedHashSet<>(select));
        // A request may name groups[2] without groups[0] and groups[1]; binding leaves the gaps null, shown empty.
        groups = groups == null || groups.isEmpty() ? List.of(RuleGroupForm.empty())
                : groups.stream().map(group -> Objects.requireNonNullElseGet(group, RuleGroupForm::empty)).toList();
    }

    static CleanupForm picking(List<Long> versionIds) {
        return new CleanupForm(versionIds, List.of());
    }

    static CleanupForm rules(RuleGroupForm... groups) {
        return new CleanupForm(List.of(), List.of(groups));
    }

    /** Whether the person asked for anything at all (an empty form shows no preview). */
    public boolean asksForSomething() {
        return !select.isEmpty() || groups.stream().anyMatch(RuleGroupForm::asksForSomething);
    }

    public boolean selected(long versionId) {
        return select.contains(versionId);
    }

    /** The index of the first group with this tag pattern (where an error about it is shown). */
    int groupWithPattern(String pattern) {
        for (int i = 0; i < groups.size(); i++) {
            if (groups.get(i).tagPattern().equals(pattern)) {
                return i;
            }
        }
        return 0;
    }

    /** The same form with one more, empty, group to fill in (the "add a rule group" button). */
    CleanupForm withAnotherGroup() {
        if (groups.size() >= MAX_GROUPS) {
            return this;
        }
        List<RuleGroupForm> more = new ArrayList<>(groups);
        more.add(RuleGroupForm.empty());
        return new CleanupForm(select, more);
    }

    /**
     * The planner's request, once the form passed its field checks; what the planner cannot use (a pattern that does
     * not compile or is too expensive, two keep rules in a group) is reported in {@code errors} beside its field.
     */
    Optional<CleanupRequest> toRequest(Errors errors) {
        List<RuleGroup> rules = new ArrayList<>();
        boolean usable = true;
        for (int i = 0; i < groups.size(); i++) {
            Optional<RuleGroup> group = groups.get(i).toGroup(errors, "groups[" + i + "].");
            group.ifPresent(rules::add);
            usable &= group.isPresent();
        }
        return usable ? Optional.of(new CleanupRequest(new LinkedHashSet<>(select), rules)) : Optional.empty();
    }
}
