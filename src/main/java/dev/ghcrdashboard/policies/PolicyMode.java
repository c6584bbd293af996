package dev.ghcrdashboard.policies;

/** What a run of a policy does. */
enum PolicyMode {
    /** Plans and reports what would go; deletes nothing. Every new policy starts here. */
    DRY_RUN,
    /** Plans again at run time and starts cleanup jobs for what the plan removes. */
    ACT;

    public String label() {
        return switch (this) {
            case DRY_RUN -> "Dry run";
            case ACT -> "Act";
        };
    }
}
