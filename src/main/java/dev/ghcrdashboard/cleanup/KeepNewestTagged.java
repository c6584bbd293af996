package dev.ghcrdashboard.cleanup;

/**
 * Keeps the {@code count} newest tagged images among those the other rules of its group select; alone, it selects
 * every image with a tag a person pulls by except the {@code count} newest. Cosign's {@code sha256-….sig} style tags
 * do not make an image tagged.
 */
record KeepNewestTagged(int count) implements Criterion {

    public KeepNewestTagged {
        Criterion.requireNotNegative(count, "Number of tagged images to keep");
    }

    @Override
    public String describe() {
        return "keep the " + count + " newest tagged " + (count == 1 ? "image" : "images");
    }
}
