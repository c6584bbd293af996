package dev.ghcrdashboard.audit;

import dev.ghcrdashboard.notifications.WebhookChanged;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Records who added or removed an owner's webhooks (the address as the page shows it, never its secret parts). */
@Component
record NotificationsAuditTrail(AuditLog auditLog) {

    @EventListener
    void on(WebhookChanged event) {
        auditLog.record(new AuditEntry(null, event.occurredAt(), event.actor(),
                event.added() ? AuditAction.WEBHOOK_ADDED : AuditAction.WEBHOOK_REMOVED, event.owner(), "", null, null,
                List.of(), AuditOutcome.SUCCEEDED, event.target(), "webhook-" + event.webhookId()));
    }
}
