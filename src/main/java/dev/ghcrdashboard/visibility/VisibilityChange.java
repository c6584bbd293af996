package dev.ghcrdashboard.visibility;

import dev.ghcrdashboard.github.OwnerType;
import dev.ghcrdashboard.github.Visibility;
import java.time.Duration;
import java.time.Instant;

/**
 * One guided change and its progress. The transition methods are pure: they return the next version
 * of the change and leave persistence, polling and events to {@link VisibilityChanges}.
 *
 * @param lastReported the visibility GitHub reported at the last poll ({@code null} before the first)
 * @param reportedAt when GitHub first reported the target (starts the mismatch grace period)
 * @param proof the latest anonymous-pull proof taken for this change, or {@code null}
 * @param finishedBy who ended the change by hand (cancel), or {@code null}
 */
record VisibilityChange(
        Long id,
        String ownerLogin,
        OwnerType ownerType,
        String packageName,
        Visibility target,
        ChangeState state,
        String requestedBy,
        Instant startedAt,
        Instant deadline,
        Visibility lastReported,
        Instant lastPolledAt,
        Instant reportedAt,
        PullProof proof,
        Instant finishedAt,
        String finishedBy) {

    static VisibilityChange start(String ownerLogin, OwnerType ownerType, String packageName, Visibility target,
                                  String requestedBy, Instant now, Duration timeout) {
        if (target != Visibility.PUBLIC && target != Visibility.PRIVATE) {
            throw new IllegalArgumentException("A package can only be made public or private");
        }
        return new VisibilityChange(null, ownerLogin, ownerType, packageName, target, ChangeState.WAITING, requestedBy,
                now, now.plus(timeout), null, null, null, null, null, null);
    }

    /** Whether a proof agrees with the target: public means anonymous pull works, private means it is denied. */
    boolean proofAgrees(PullProof candidate) {
        return candidate.pullable() == (target == Visibility.PUBLIC);
    }

    /** The deadline passed while GitHub still did not report the target. */
    boolean overdue(Instant now) {
        return !now.isBefore(deadline);
    }

    /** GitHub reports something other than the target (again): keep waiting, or give up at the deadline. */
    VisibilityChange reportedOther(Visibility reported, Instant now) {
        ChangeState next = overdue(now) ? ChangeState.TIMED_OUT : ChangeState.WAITING;
        return with(next, reported, now, null, proof, next.isFinal() ? now : null, null);
    }

    /** GitHub could not be asked this time; only the deadline can end the change now. */
    VisibilityChange unobserved(Instant now) {
        ChangeState next = overdue(now) ? ChangeState.TIMED_OUT : ChangeState.WAITING;
        return with(next, lastReported, now, reportedAt, proof, next.isFinal() ? now : null, null);
    }

    /**
     * GitHub reports the target and {@code proofNow} is a fresh anonymous pull. Agreement verifies;
     * disagreement is tolerated for {@code grace} after GitHub first reported the target (the registry
     * may lag), then it is a mismatch. The deadline does not cut the grace short: GitHub did move.
     */
    VisibilityChange reportedTarget(PullProof proofNow, Instant now, Duration grace) {
        Instant firstReported = reportedAt != null ? reportedAt : now;
        if (proofAgrees(proofNow)) {
            return with(ChangeState.VERIFIED, target, now, firstReported, proofNow, now, null);
        }
        boolean graceOver = !now.isBefore(firstReported.plus(grace));
        ChangeState next = graceOver ? ChangeState.MISMATCH : ChangeState.WAITING;
        return with(next, target, now, firstReported, proofNow, graceOver ? now : null, null);
    }

    VisibilityChange cancel(String by, Instant now) {
        if (state.isFinal()) {
            throw new IllegalStateException("Change " + id + " is already " + state);
        }
        return with(ChangeState.CANCELLED, lastReported, lastPolledAt, reportedAt, proof, now, by);
    }

    VisibilityChange withId(long newId) {
        return new VisibilityChange(newId, ownerLogin, ownerType, packageName, target, state, requestedBy, startedAt,
                deadline, lastReported, lastPolledAt, reportedAt, proof, finishedAt, finishedBy);
    }

    private VisibilityChange with(ChangeState newState, Visibility reported, Instant polledAt, Instant firstReported,
                                  PullProof newProof, Instant finished, String by) {
        return new VisibilityChange(id, ownerLogin, ownerType, packageName, target, newState, requestedBy, startedAt,
                deadline, reported, polledAt, firstReported, newProof, finished, by);
    }
}
