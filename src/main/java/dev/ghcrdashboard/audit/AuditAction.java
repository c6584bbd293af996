package dev.ghcrdashboard.audit;

/** What kind of change an {@link AuditEntry} records. */
public enum AuditAction {
    DELETE_VERSION,
    RESTORE_VERSION,
    DELETE_PACKAGE,
    RESTORE_PACKAGE,
    ADD_TAG,
    MOVE_TAG,
    REMOVE_TAG,
    VISIBILITY_CHANGE_STARTED,
    VISIBILITY_CHANGE_VERIFIED,
    VISIBILITY_CHANGE_ABANDONED,
    VISIBILITY_RULE_ADDED,
    VISIBILITY_RULE_REMOVED,
    WEBHOOK_ADDED,
    WEBHOOK_REMOVED,
    POLICY_SAVED,
    POLICY_SWITCHED_TO_ACT,
    POLICY_SWITCHED_TO_DRY_RUN,
    POLICY_DELETED,
    POLICY_RUN_APPROVED,
    POLICY_RUN_SKIPPED;

    /** Human wording for pages ("Delete version"): the stored and exported name, written as a phrase. */
    public String label() {
        return Wording.ofConstant(this);
    }
}
