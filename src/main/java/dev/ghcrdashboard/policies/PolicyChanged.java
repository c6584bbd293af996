package dev.ghcrdashboard.policies;

import java.time.Instant;

/**
 * An admin changed a retention policy or decided on a package its run held; the audit log records it, so who made a
 * policy act, and who let a large cleanup through, is on record next to what the policy then deleted.
 *
 * @param packageName the held package an approval or skip was about; empty for changes of the policy itself
 */
public record PolicyChanged(String actor, String owner, long policyId, String policyName, Change change, String packageName,
                            Instant occurredAt) {

    public enum Change {
        SAVED,
        SWITCHED_TO_ACT,
        SWITCHED_TO_DRY_RUN,
        DELETED,
        RUN_APPROVED,
        RUN_SKIPPED
    }
}
