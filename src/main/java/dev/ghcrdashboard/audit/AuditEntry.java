package dev.ghcrdashboard.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One recorded change. Pass {@code id} and (usually) {@code occurredAt} as {@code null} to
 * {@link AuditLog#record}; it fills them in. {@code versionId}, {@code digest}, {@code detail} and
 * {@code jobId} are optional (a package delete has no version; a single click has no job).
 *
 * @param actor the GitHub login of the person who made the change
 * @param tags the version's tags at the time of the change; never null (empty when untagged)
 */
public record AuditEntry(Long id, Instant occurredAt, String actor, AuditAction action, String owner, String packageName,
                         Long versionId, String digest, List<String> tags, AuditOutcome outcome, String detail,
                         String jobId) {

    public AuditEntry {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(outcome, "outcome");
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
