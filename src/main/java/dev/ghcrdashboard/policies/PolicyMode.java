package dev.ghcrdashboard.policies;

/** What a run of a policy does. */
enum PolicyMode {
    /** Plans and reports what would go; deletes nothing. Every new policy starts here. */
    DRY_RUN("Dry run"),
    /** Plans again at run time and starts cleanup jobs for what the plan removes. */
    ACT("Act");

    private final String label;

    PolicyMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
