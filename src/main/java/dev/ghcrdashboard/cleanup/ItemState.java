package dev.ghcrdashboard.cleanup;

/** The outcome of one version of a job; PENDING and IN_FLIGHT are the only unfinished states. */
public enum ItemState {
    PENDING,
    /** The GitHub call may have been sent; after a restart it is sent again, and a 404 then means it went through. */
    IN_FLIGHT,
    DELETED,
    RESTORED,
    /** The tag now names the version (added or moved, and checked through the registry). */
    TAGGED,
    /** The tag no longer names the version, which kept its other tags; the placeholder is gone again. */
    UNTAGGED,
    /** Someone else did it first: a delete answered 404 (already gone), the tag already is (or is no longer) there. */
    ALREADY_DONE,
    /** GitHub refused and said why (last version, more than 5,000 downloads). */
    REFUSED,
    FAILED,
    CANCELLED;

    public boolean finished() {
        return this != PENDING && this != IN_FLIGHT;
    }

    public String label(JobKind kind) {
        return switch (this) {
            case PENDING -> "waiting";
            case IN_FLIGHT -> "in progress";
            case DELETED -> "deleted";
            case RESTORED -> "restored";
            case TAGGED -> kind == JobKind.MOVE_TAG ? "tag moved" : "tag added";
            case UNTAGGED -> "tag removed";
            case ALREADY_DONE -> kind == JobKind.DELETE ? "already gone (404)" : kind == JobKind.RESTORE ? "already restored" : "nothing to do";
            case REFUSED -> "refused by GitHub";
            case FAILED -> "failed";
            case CANCELLED -> "cancelled";
        };
    }
}
