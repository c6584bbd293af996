package dev.ghcrdashboard.policies;

import dev.ghcrdashboard.cleanup.RuleGroupForm;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A saved policy (without its sealed token).
 *
 * @param groups the rule groups as the form had them
 * @param shareThreshold percent of a package's versions an act run may delete before it stops and asks
 * @param runAs the admin whose token runs the policy: the last one to save it or switch it to act
 * @param runAsScopes the scopes that token was granted with
 * @param nextRunAt when the schedule runs it next
 */
record RetentionPolicy(long id, String owner, String name, PolicyScope scope, List<RuleGroupForm> groups, Schedule schedule,
                       PolicyMode mode, int shareThreshold, String runAs, Set<String> runAsScopes, Instant nextRunAt,
                       String updatedBy, Instant updatedAt) {

    RetentionPolicy {
        groups = List.copyOf(groups);
        runAsScopes = Set.copyOf(runAsScopes);
    }

    public boolean acts() {
        return mode == PolicyMode.ACT;
    }
}
