package dev.ghcrdashboard.visibility;

import java.time.Instant;

/**
 * A visibility rule was added to or removed from an owner's policy.
 *
 * @param added {@code true} when added, {@code false} when removed
 * @param rule the rule in words, as the policy page shows it
 */
public record VisibilityRuleChanged(long ruleId, boolean added, String actor, Instant occurredAt, String owner, String rule) {
}
