package dev.ghcrdashboard.owners;

/** What a person may do with an owner's packages in the dashboard. */
public enum Role {
    /**
     * May read only the owner's public packages, as GitHub lets anyone signed in (docs/ghcr-platform.md §2.7): another
     * user, or an organization the person is not a member of. Only the package pages open for them; jobs, trash,
     * visibility, tags, notifications and every change stay "not found".
     */
    PUBLIC_READER,
    /** May read the owner's packages, jobs, trash and records. */
    VIEWER,
    /** May also change them: delete, restore, change visibility, set rules, cancel anyone's job. */
    ADMIN
}
