package dev.ghcrdashboard.cleanup;

import java.time.Instant;
import java.util.List;

/**
 * One version of a job.
 *
 * @param action what the item does (the job's kind, except for the tag items of cleanups and restores)
 * @param tags the version's tags when the job was created (GitHub forgets them on delete)
 * @param unitDigest the image (root) this version was deleted with; its own digest for a root
 * @param tag for tag actions: the tag put on or taken off the version; else {@code null}
 * @param previousDigest for {@link JobKind#MOVE_TAG}: the image that had the tag when the move was planned
 * @param placeholderDigest for {@link JobKind#REMOVE_TAG}: the placeholder pushed under the tag, once chosen
 * @param placeholderVersionId its version id, once GitHub listed it; else {@code null}
 */
record JobItem(String jobId, int seq, JobKind action, long versionId, String digest, List<String> tags, String unitDigest,
               String tag, String previousDigest, String placeholderDigest, Long placeholderVersionId,
               ItemState state, String message, Instant finishedAt) {

    public JobItem {
        tags = List.copyOf(tags);
    }

    /** The tags an audit entry names: the one tag a tag action changes, else the version's tags. */
    List<String> auditedTags() {
        return action.changesATag() ? List.of(tag) : tags;
    }
}
