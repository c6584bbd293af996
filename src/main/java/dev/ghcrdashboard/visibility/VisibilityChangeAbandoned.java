package dev.ghcrdashboard.visibility;

import dev.ghcrdashboard.github.Visibility;
import java.time.Instant;

/**
 * A visibility change ended without being verified.
 *
 * @param actor who cancelled it, or who asked for it when it ended by itself (timeout, mismatch)
 * @param outcome {@link ChangeState#MISMATCH}, {@link ChangeState#TIMED_OUT} or {@link ChangeState#CANCELLED}
 * @param lastReported what GitHub reported last, or {@code null} if it was never asked successfully
 * @param proof the last anonymous-pull proof, or {@code null} if none was taken
 */
public record VisibilityChangeAbandoned(long changeId, String actor, Instant occurredAt, String owner,
                                        String packageName, Visibility target, ChangeState outcome,
                                        Visibility lastReported, PullProof proof) {
}
