package dev.ghcrdashboard.cleanup;

/**
 * Keeps the {@code count} newest untagged images (no tag a person pulls by) among those the other rules of its group
 * select; alone, it selects every untagged image except the {@code count} newest.
 */
record KeepNewestUntagged(int count) implements Criterion {

    public KeepNewestUntagged {
        Criterion.requireNotNegative(count, "Number of untagged images to keep");
    }

    @Override
    public String describe() {
        return "keep the " + count + " newest untagged " + (count == 1 ? "image" : "images");
    }
}
