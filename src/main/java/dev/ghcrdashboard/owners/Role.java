package dev.ghcrdashboard.owners;

/** What a person may do with an owner's packages in the dashboard. */
public enum Role {
    /** May read the owner's packages, jobs, trash and records. */
    VIEWER,
    /** May also change them: delete, restore, change visibility, set rules, cancel anyone's job. */
    ADMIN
}
