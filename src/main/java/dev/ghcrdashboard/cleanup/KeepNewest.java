package dev.ghcrdashboard.cleanup;

import java.util.Locale;

/**
 * Keeps the {@code count} newest images of one kind among those the other rules of its group select; alone, it
 * selects every image of that kind except the {@code count} newest. Tagged means a tag a person pulls by: cosign's
 * {@code sha256-….sig} style tags do not make an image tagged.
 */
record KeepNewest(int count, Kind kind) implements Criterion {

    enum Kind { TAGGED, UNTAGGED }

    public KeepNewest {
        Criterion.requireNotNegative(count, "Number of " + label(kind) + " images to keep");
    }

    static KeepNewest tagged(int count) {
        return new KeepNewest(count, Kind.TAGGED);
    }

    static KeepNewest untagged(int count) {
        return new KeepNewest(count, Kind.UNTAGGED);
    }

    boolean keepsUntagged() {
        return kind == Kind.UNTAGGED;
    }

    @Override
    public String describe() {
        return "keep the " + count + " newest " + label(kind) + " " + (count == 1 ? "image" : "images");
    }

    private static String label(Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
