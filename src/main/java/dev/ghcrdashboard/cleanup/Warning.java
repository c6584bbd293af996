package dev.ghcrdashboard.cleanup;

/** Something the person should know before confirming a plan. */
record Warning(Code code, String message) {

    public enum Code {
        /** GitHub refuses to delete public versions with more than 5,000 downloads; no API tells the count. */
        PUBLIC_DOWNLOAD_LIMIT,
        /** Some manifests are unread, so orphans cannot be judged and untagged parts stay. */
        GRAPH_INCOMPLETE,
        /** Picked version ids that are not active versions of the package (deleted meanwhile?). */
        VERSION_NOT_FOUND,
        /** Tags outside the OCI tag grammar, which tag rules never reach (they may only look like a pattern). */
        TAGS_NOT_REACHED
    }
}
