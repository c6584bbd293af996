package dev.ghcrdashboard.audit;

import dev.ghcrdashboard.policies.PolicyChanged;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Records who saved, switched or deleted a retention policy, and who approved or skipped a package its run held. */
@Component
record PolicyAuditTrail(AuditLog auditLog) {

    @EventListener
    void on(PolicyChanged event) {
        AuditAction action = switch (event.change()) {
            case SAVED -> AuditAction.POLICY_SAVED;
            case SWITCHED_TO_ACT -> AuditAction.POLICY_SWITCHED_TO_ACT;
            case SWITCHED_TO_DRY_RUN -> AuditAction.POLICY_SWITCHED_TO_DRY_RUN;
            case DELETED -> AuditAction.POLICY_DELETED;
            case RUN_APPROVED -> AuditAction.POLICY_RUN_APPROVED;
            case RUN_SKIPPED -> AuditAction.POLICY_RUN_SKIPPED;
        };
        auditLog.record(new AuditEntry(null, event.occurredAt(), event.actor(), action, event.owner(), event.packageName(), null, null,
                List.of(), AuditOutcome.SUCCEEDED, "policy " + event.policyName(), "policy-" + event.policyId()));
    }
}
