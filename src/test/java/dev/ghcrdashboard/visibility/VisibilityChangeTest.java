package dev.ghcrdashboard.visibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ghcrdashboard.github.OwnerType;
import dev.ghcrdashboard.github.Visibility;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VisibilityChangeTest {

    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(30);

    private final VisibilityChange makePublic = VisibilityChange.start("acme", OwnerType.ORGANIZATION, "app",
            Visibility.PUBLIC, "alice", T0, Duration.ofMinutes(15)).withId(7);

    private static PullProof pullable(boolean pullable, Instant at) {
        return new PullProof(pullable, pullable ? "manifest readable" : "token denied", at);
    }

    @Test
    void waitsWhileGitHubReportsTheOldVisibility() {
        var next = makePublic.reportedOther(Visibility.PRIVATE, T0.plusSeconds(5));
        assertThat(next.state()).isEqualTo(ChangeState.WAITING);
        assertThat(next.lastReported()).isEqualTo(Visibility.PRIVATE);
        assertThat(next.finishedAt()).isNull();
    }

    @Test
    void verifiesWhenGitHubReportsTheTargetAndAnonymousPullWorks() {
        Instant at = T0.plusSeconds(40);
        var next = makePublic.reportedOther(Visibility.PRIVATE, T0.plusSeconds(5))
                .reportedTarget(pullable(true, at), at, GRACE);
        assertThat(next.state()).isEqualTo(ChangeState.VERIFIED);
        assertThat(next.finishedAt()).isEqualTo(at);
        assertThat(next.proof().pullable()).isTrue();
    }

    @Test
    void makingPrivateIsVerifiedByADeniedPull() {
        var makePrivate = VisibilityChange.start("acme", OwnerType.ORGANIZATION, "app", Visibility.PRIVATE, "alice", T0,
                Duration.ofMinutes(15));
        assertThat(makePrivate.reportedTarget(pullable(false, T0), T0, GRACE).state()).isEqualTo(ChangeState.VERIFIED);
    }

    @Test
    void disagreeingProofIsToleratedDuringTheGraceThenIsAMismatch() {
        var first = makePublic.reportedTarget(pullable(false, T0.plusSeconds(10)), T0.plusSeconds(10), GRACE);
        assertThat(first.state()).isEqualTo(ChangeState.WAITING);
        assertThat(first.reportedAt()).isEqualTo(T0.plusSeconds(10));

        var later = first.reportedTarget(pullable(false, T0.plusSeconds(40)), T0.plusSeconds(40), GRACE);
        assertThat(later.state()).isEqualTo(ChangeState.MISMATCH);
        assertThat(later.finishedAt()).isEqualTo(T0.plusSeconds(40));
    }

    @Test
    void registryCatchingUpWithinTheGraceStillVerifies() {
        var first = makePublic.reportedTarget(pullable(false, T0.plusSeconds(10)), T0.plusSeconds(10), GRACE);
        var caughtUp = first.reportedTarget(pullable(true, T0.plusSeconds(20)), T0.plusSeconds(20), GRACE);
        assertThat(caughtUp.state()).isEqualTo(ChangeState.VERIFIED);
    }

    @Test
    void timesOutAtTheDeadlineWhenGitHubNeverMoved() {
        Instant beforeDeadline = T0.plus(Duration.ofMinutes(15)).minusSeconds(1);
        assertThat(makePublic.reportedOther(Visibility.PRIVATE, beforeDeadline).state()).isEqualTo(ChangeState.WAITING);

        Instant deadline = T0.plus(Duration.ofMinutes(15));
        var timedOut = makePublic.reportedOther(Visibility.PRIVATE, deadline);
        assertThat(timedOut.state()).isEqualTo(ChangeState.TIMED_OUT);
        assertThat(makePublic.unobserved(deadline).state()).isEqualTo(ChangeState.TIMED_OUT);
    }

    @Test
    void cancelEndsAWaitingChangeOnlyOnce() {
        var cancelled = makePublic.cancel("bob", T0.plusSeconds(3));
        assertThat(cancelled.state()).isEqualTo(ChangeState.CANCELLED);
        assertThat(cancelled.finishedBy()).isEqualTo("bob");
        assertThatThrownBy(() -> cancelled.cancel("bob", T0.plusSeconds(4))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyPublicOrPrivateCanBeTargets() {
        assertThatThrownBy(() -> VisibilityChange.start("acme", OwnerType.ORGANIZATION, "app", Visibility.INTERNAL,
                "alice", T0, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
