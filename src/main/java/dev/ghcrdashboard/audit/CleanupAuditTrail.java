package dev.ghcrdashboard.audit;

import dev.ghcrdashboard.cleanup.ItemState;
import dev.ghcrdashboard.cleanup.JobItemEnded;
import dev.ghcrdashboard.cleanup.PackageDeleteEnded;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Writes what cleanup did into the audit log. A plain (synchronous) listener on purpose: it runs in the
 * transaction that publishes the event, which for a job item is the one recording the item's state.
 */
@Component
record CleanupAuditTrail(AuditLog auditLog) {

    @EventListener
    void on(JobItemEnded event) {
        AuditAction action = switch (event.kind()) {
            case DELETE -> AuditAction.DELETE_VERSION;
            case RESTORE -> AuditAction.RESTORE_VERSION;
            case ADD_TAG -> AuditAction.ADD_TAG;
            case MOVE_TAG -> AuditAction.MOVE_TAG;
            case REMOVE_TAG -> AuditAction.REMOVE_TAG;
        };
        auditLog.record(new AuditEntry(null, event.occurredAt(), event.actor(), action, event.owner(), event.packageName(),
                event.versionId(), event.digest(), event.tags(), outcome(event.state()), detail(event), event.jobId()));
    }

    /** A change a retention policy caused names it, so "who deleted this" also answers "which policy". */
    private static String detail(JobItemEnded event) {
        if (event.policyName() == null) {
            return event.detail();
        }
        String policy = "policy " + event.policyName();
        return event.detail() == null ? policy : policy + ": " + event.detail();
    }

    @EventListener
    void on(PackageDeleteEnded event) {
        auditLog.record(new AuditEntry(null, event.occurredAt(), event.actor(), AuditAction.DELETE_PACKAGE, event.owner(),
                event.packageName(), null, null, List.of(), outcome(event.state()), event.detail(), null));
    }

    private static AuditOutcome outcome(ItemState state) {
        return switch (state) {
            case DELETED, RESTORED, TAGGED, UNTAGGED -> AuditOutcome.SUCCEEDED;
            case ALREADY_DONE -> AuditOutcome.ALREADY_DONE;
            case REFUSED -> AuditOutcome.REFUSED;
            default -> AuditOutcome.FAILED;
        };
    }
}
