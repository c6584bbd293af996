package dev.ghcrdashboard.audit;

import dev.ghcrdashboard.visibility.PullProof;
import dev.ghcrdashboard.visibility.VisibilityChangeAbandoned;
import dev.ghcrdashboard.visibility.VisibilityChangeStarted;
import dev.ghcrdashboard.visibility.VisibilityChangeVerified;
import dev.ghcrdashboard.visibility.VisibilityRuleChanged;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Writes the visibility feature's events into the audit log: who started a guided change, when GitHub
 * was seen reporting it, and what the anonymous-pull proof said.
 */
@Component
record VisibilityAuditTrail(AuditLog auditLog) {

    @EventListener
    void on(VisibilityChangeStarted event) {
        auditLog.record(new AuditEntry(null, event.occurredAt(), event.actor(), AuditAction.VISIBILITY_CHANGE_STARTED,
                event.owner(), event.packageName(), null, null, List.of(), AuditOutcome.PENDING,
                "Make " + event.target().apiValue() + " on GitHub's settings page " + event.settingsPage(),
                "visibility-" + event.changeId()));
    }

    @EventListener
    void on(VisibilityChangeVerified event) {
        auditLog.record(new AuditEntry(null, event.occurredAt(), event.actor(), AuditAction.VISIBILITY_CHANGE_VERIFIED,
                event.owner(), event.packageName(), null, null, List.of(), AuditOutcome.SUCCEEDED,
                "GitHub reports " + event.target().apiValue() + "; " + proof(event.proof()),
                "visibility-" + event.changeId()));
    }

    @EventListener
    void on(VisibilityChangeAbandoned event) {
        String reported = event.lastReported() == null ? "unknown" : event.lastReported().apiValue();
        auditLog.record(new AuditEntry(null, event.occurredAt(), event.actor(), AuditAction.VISIBILITY_CHANGE_ABANDONED,
                event.owner(), event.packageName(), null, null, List.of(), AuditOutcome.FAILED,
                event.outcome() + ": wanted " + event.target().apiValue() + ", GitHub reports " + reported
                        + (event.proof() == null ? "" : "; " + proof(event.proof())),
                "visibility-" + event.changeId()));
    }

    @EventListener
    void on(VisibilityRuleChanged event) {
        // A rule is about an owner, not one package: the package column stays empty and the rule is the detail.
        auditLog.record(new AuditEntry(null, event.occurredAt(), event.actor(),
                event.added() ? AuditAction.VISIBILITY_RULE_ADDED : AuditAction.VISIBILITY_RULE_REMOVED,
                event.owner(), "", null, null, List.of(), AuditOutcome.SUCCEEDED, event.rule(), "visibility-rule-" + event.ruleId()));
    }

    private static String proof(PullProof proof) {
        return proof == null ? "no proof" : (proof.pullable() ? "anonymous pull works" : "anonymous pull denied") + " (" + proof.detail() + ")";
    }
}
