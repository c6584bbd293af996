package dev.ghcrdashboard.audit;

/** What kind of change an {@link AuditEntry} records. */
public enum AuditAction {
    DELETE_VERSION("Delete version"),
    RESTORE_VERSION("Restore version"),
    DELETE_PACKAGE("Delete package"),
    RESTORE_PACKAGE("Restore package"),
    ADD_TAG("Add tag"),
    MOVE_TAG("Move tag"),
    REMOVE_TAG("Remove tag"),
    VISIBILITY_CHANGE_STARTED("Visibility change started"),
    VISIBILITY_CHANGE_VERIFIED("Visibility change verified"),
    VISIBILITY_CHANGE_ABANDONED("Visibility change abandoned"),
    VISIBILITY_RULE_ADDED("Visibility rule added"),
    VISIBILITY_RULE_REMOVED("Visibility rule removed"),
    WEBHOOK_ADDED("Webhook added"),
    WEBHOOK_REMOVED("Webhook removed");

    private final String label;

    AuditAction(String label) {
        this.label = label;
    }

    /** Human wording for pages; the enum name is what is stored and exported. */
    public String label() {
        return label;
    }
}
