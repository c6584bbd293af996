package dev.ghcrdashboard.cleanup;

/**
 * What a background job, or one of its items, does. A job has one kind; its items usually share it, except that a
 * cleanup ({@link #DELETE}) also removes tags ({@link #REMOVE_TAG} items) and a restore ({@link #RESTORE}) puts
 * recorded tags back ({@link #ADD_TAG} items).
 */
public enum JobKind {
    DELETE("Delete versions"),
    RESTORE("Restore versions"),
    /** Puts a tag on an image that no other image has. */
    ADD_TAG("Add a tag"),
    /** Puts a tag on an image, taking it from the image that had it. */
    MOVE_TAG("Move a tag"),
    /** Takes one tag off an image, which keeps its other tags (placeholder push, then its deletion). */
    REMOVE_TAG("Remove a tag");

    private final String label;

    JobKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether items of this kind change one tag rather than a whole version. */
    public boolean changesATag() {
        return this == ADD_TAG || this == MOVE_TAG || this == REMOVE_TAG;
    }
}
