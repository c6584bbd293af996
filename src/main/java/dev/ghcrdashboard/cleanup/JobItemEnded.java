package dev.ghcrdashboard.cleanup;

import java.time.Instant;
import java.util.List;

/**
 * A job is done with one item: GitHub answered the delete or restore, the registry took the tag on or off the
 * image, or the job gave up on it.
 * Published inside the transaction that records the item's final state, so a listener writing in that
 * transaction (the audit log) commits together with it: after a crash there is either both or neither.
 *
 * @param kind what the item did: {@link JobKind#DELETE}, {@link JobKind#RESTORE}, or a tag action
 * @param state the item's final state ({@link ItemState#finished()})
 * @param tags the version's tags when the job was planned; for a tag action, the one tag it added, moved or removed
 * @param detail why, in GitHub's or the job's words; {@code null} for a plain success
 * @param policyName the retention policy that started the job, or {@code null} when a person did
 */
public record JobItemEnded(String jobId, JobKind kind, String actor, String owner, String packageName, long versionId,
                           String digest, List<String> tags, ItemState state, String detail, Instant occurredAt,
                           String policyName) {

    public JobItemEnded {
        tags = List.copyOf(tags);
    }
}
