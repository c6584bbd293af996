package dev.ghcrdashboard.cleanup;

import java.time.Instant;
import java.util.List;

/**
 * A job is done with one version: GitHub answered the delete or restore, or the job gave up on it.
 * Published inside the transaction that records the item's final state, so a listener writing in that
 * transaction (the audit log) commits together with it: after a crash there is either both or neither.
 *
 * @param state the item's final state ({@link ItemState#finished()})
 * @param tags the version's tags when the job was planned
 * @param detail why, in GitHub's or the job's words; {@code null} for a plain success
 */
public record JobItemEnded(String jobId, JobKind kind, String actor, String owner, String packageName, long versionId,
                           String digest, List<String> tags, ItemState state, String detail, Instant occurredAt) {

    public JobItemEnded {
        tags = List.copyOf(tags);
    }
}
