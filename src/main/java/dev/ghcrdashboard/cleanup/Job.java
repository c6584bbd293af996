package dev.ghcrdashboard.cleanup;

import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.github.OwnerType;
import java.time.Instant;
import java.util.List;

/**
 * A persisted delete or restore job (without its items). {@code report} holds the checks run after it ended;
 * {@code policyName} is the retention policy that started it, or {@code null} when a person did.
 */
record Job(String id, JobKind kind, String actor, String owner, OwnerType ownerType, String packageName,
                  JobStatus status, boolean cancelRequested, Instant createdAt, Instant finishedAt, List<String> report,
                  String policyName) {

    public Job {
        report = report == null ? List.of() : List.copyOf(report);
    }

    public Owner ownerRef() {
        return new Owner(owner, ownerType, null);
    }
}
