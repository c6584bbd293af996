package dev.ghcrdashboard.cleanup;

/** Selects roots created more than {@code days} days before the plan's {@code now}. */
record OlderThan(int days) implements Criterion {

    public OlderThan {
        Criterion.requireNotNegative(days, "Age in days");
    }

    @Override
    public String describe() {
        return "older than " + days + (days == 1 ? " day" : " days");
    }
}
