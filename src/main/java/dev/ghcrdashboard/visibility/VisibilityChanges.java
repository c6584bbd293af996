package dev.ghcrdashboard.visibility;

import dev.ghcrdashboard.security.SignedInUser;
import dev.ghcrdashboard.github.AccessToken;
import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.github.Visibility;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Guided visibility changes: starts them through the {@link VisibilityChanger}, watches GitHub until it
 * reports the target, verifies with an anonymous pull and records the outcome. Every final outcome is
 * published once as an event ({@link VisibilityChangeVerified} or {@link VisibilityChangeAbandoned}).
 */
@Service
record VisibilityChanges(VisibilityChanger changer, ChangeRepository changes, PackageVisibilitySource source,
                         VisibilityProofs proofs, WatchCredentials credentials, ApplicationEventPublisher events,
                         VisibilityProperties properties, Clock clock) {

    private static final Logger log = LoggerFactory.getLogger(VisibilityChanges.class);

    /**
     * Starts watching a change of one package to {@code target} and says what the person must do.
     * If the same change is already being watched, that one is returned instead of a duplicate; a
     * pending change to the opposite visibility is cancelled first.
     */
    public StartedChange start(Owner owner, String packageName, Visibility target, SignedInUser user) {
        Optional<VisibilityChange> pending = changes.waitingFor(owner.login(), packageName);
        var instructions = changer.begin(owner, packageName, target, user);
        if (pending.isPresent() && pending.get().target() == target) {
            credentials.remember(pending.get().id(), user.token());
            return new StartedChange(pending.get(), instructions.settingsPage());
        }
        pending.ifPresent(other -> cancel(other.id(), user));
        Instant now = clock.instant();
        VisibilityChange change = changes.insert(VisibilityChange.start(owner.login(), owner.type(), packageName, target,
                user.login(), now, properties.changeTimeout()));
        credentials.remember(change.id(), user.token());
        events.publishEvent(new VisibilityChangeStarted(change.id(), user.login(), now, owner.login(), packageName,
                target, instructions.settingsPage()));
        return new StartedChange(change, instructions.settingsPage());
    }

    /** A change just started, and where the person makes it ({@code null} if nothing is left to do by hand). */
    public record StartedChange(VisibilityChange change, URI settingsPage) {
    }

    public Optional<VisibilityChange> find(long id) {
        return changes.find(id);
    }

    /** Stops watching; a change that already ended is returned unchanged. */
    public VisibilityChange cancel(long id, SignedInUser user) {
        VisibilityChange change = changes.find(id).orElseThrow(() -> new ChangeNotFoundException(id));
        if (change.state().isFinal()) {
            return change;
        }
        return save(change.cancel(user.login(), clock.instant()));
    }

    /**
     * Hands a fresh token to the watcher (the page polling the change does this, so the watcher keeps
     * working after a restart) without asking GitHub anything now.
     */
    public void keepWatching(long id, AccessToken token) {
        changes.find(id).filter(change -> !change.state().isFinal())
                .ifPresent(change -> credentials.remember(id, token));
    }

    /** Asks GitHub (and, if it reports the target, the registry) right now. */
    public VisibilityChange checkNow(long id, AccessToken token) {
        VisibilityChange change = changes.find(id).orElseThrow(() -> new ChangeNotFoundException(id));
        if (change.state().isFinal()) {
            return change;
        }
        credentials.remember(id, token);
        return observe(change, token);
    }

    /**
     * One round of the watcher: polls at most {@code watchBatch} of the least recently polled waiting
     * changes it holds a token for. Changes without a token here (another instance's, or from before a
     * restart) are looked at only for their deadline, and never crowd out the ones it can poll.
     */
    int pollWaiting() {
        List<VisibilityChange> waiting = changes.waiting(properties.watchBatch() * 10);
        int polled = 0;
        for (VisibilityChange change : waiting) {
            Optional<AccessToken> token = credentials.forChange(change.id());
            if (token.isPresent() && polled < properties.watchBatch()) {
                observe(change, token.get());
                polled++;
            } else if (change.overdue(clock.instant())) {
                // Nobody can ask GitHub for this one any more; the deadline still ends it.
                save(change.unobserved(clock.instant()));
            }
        }
        forgetTokensOfFinishedChanges(waiting);
        return polled;
    }

    /** Another instance (or a cancel there) may have ended a change this one still holds a token for. */
    private void forgetTokensOfFinishedChanges(List<VisibilityChange> waiting) {
        Set<Long> stillWaiting = waiting.stream().map(VisibilityChange::id).collect(Collectors.toSet());
        for (long id : credentials.changeIds()) {
            if (!stillWaiting.contains(id) && changes.find(id).map(c -> c.state().isFinal()).orElse(true)) {
                credentials.forget(id);
            }
        }
    }

    private VisibilityChange observe(VisibilityChange change, AccessToken token) {
        Owner owner = new Owner(change.ownerLogin(), change.ownerType(), null);
        Visibility reported;
        try {
            reported = source.current(owner, change.packageName(), token).visibility();
        } catch (RuntimeException e) {
            log.warn("Could not ask GitHub about {}/{} for change {}: {}", change.ownerLogin(), change.packageName(),
                    change.id(), e.getClass().getSimpleName());
            return save(change.unobserved(clock.instant()));
        }
        if (reported != change.target()) {
            return save(change.reportedOther(reported, clock.instant()));
        }
        StoredProof proof;
        try {
            proof = proofs.recheck(change.ownerLogin(), change.packageName());
        } catch (RuntimeException e) {
            log.warn("Anonymous pull proof failed to run for {}/{}: {}", change.ownerLogin(), change.packageName(),
                    e.getClass().getSimpleName());
            return save(change.unobserved(clock.instant()));
        }
        return save(change.reportedTarget(proof.proof(), clock.instant(), properties.mismatchGrace()));
    }

    private VisibilityChange save(VisibilityChange next) {
        if (!changes.updateIfWaiting(next)) {
            return changes.find(next.id()).orElse(next); // another instance or a cancel got there first
        }
        if (next.state().isFinal()) {
            credentials.forget(next.id());
            publishOutcome(next);
        }
        return next;
    }

    private void publishOutcome(VisibilityChange change) {
        if (change.state() == ChangeState.VERIFIED) {
            events.publishEvent(new VisibilityChangeVerified(change.id(), change.requestedBy(), change.finishedAt(),
                    change.ownerLogin(), change.packageName(), change.target(), change.proof()));
        } else {
            String actor = change.finishedBy() != null ? change.finishedBy() : change.requestedBy();
            events.publishEvent(new VisibilityChangeAbandoned(change.id(), actor, change.finishedAt(),
                    change.ownerLogin(), change.packageName(), change.target(), change.state(), change.lastReported(),
                    change.proof()));
        }
    }
}
