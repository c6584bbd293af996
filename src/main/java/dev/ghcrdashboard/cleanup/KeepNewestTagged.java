package dev.ghcrdashboard.cleanup;

/**
 * Protects the {@code count} newest roots that carry a tag a person pulls by, whatever else
 * matches or is selected. Cosign's {@code sha256-….sig} style tags do not count as such a tag.
 */
record KeepNewestTagged(int count) implements Criterion {

    public KeepNewestTagged {
        if (count < 0) {
            throw new IllegalArgumentException("Number of tagged images to keep must not be negative, was " + count);
        }
    }

    @Override
    public String describe() {
        return "keep the " + count + " newest tagged " + (count == 1 ? "image" : "images");
    }
}
