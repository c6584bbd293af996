package dev.ghcrdashboard.cleanup;

import java.time.Instant;

/**
 * A job ended (finished or cancelled), after its integrity check. A retention policy's run follows its jobs through
 * this, so it reports what was really deleted, not what was planned.
 *
 * @param policyName the retention policy that started the job, {@code null} for a job a person started
 * @param done items GitHub carried out (or found already done)
 * @param notDone items refused, failed or cancelled
 */
public record JobEnded(String jobId, String owner, String packageName, String policyName, boolean cancelled, int done, int notDone,
                       Instant occurredAt) {
}
