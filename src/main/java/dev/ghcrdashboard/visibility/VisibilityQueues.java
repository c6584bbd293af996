package dev.ghcrdashboard.visibility;

import dev.ghcrdashboard.security.SignedInUser;
import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.github.Visibility;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Guided queues: several packages changed one settings page at a time. A queue lives in the
 * database keyed by the person, so it survives reloads and restarts and can be resumed later.
 */
@Service
record VisibilityQueues(QueueRepository queues, VisibilityChanges changes, Clock clock) {

    private static final int MAX_ITEMS = 200;

    public GuidedQueue create(Owner owner, List<String> packageNames, Visibility target, SignedInUser user) {
        List<String> distinct = List.copyOf(new LinkedHashSet<>(packageNames.stream()
                .filter(name -> name != null && !name.isBlank()).toList()));
        if (distinct.isEmpty()) {
            throw new InvalidVisibilityRequestException("Select at least one package.");
        }
        if (distinct.size() > MAX_ITEMS) {
            throw new InvalidVisibilityRequestException("Select at most " + MAX_ITEMS + " packages per queue.");
        }
        long id = queues.create(owner.login(), owner.type(), user.login(), target, distinct, clock.instant());
        return queues.find(id).orElseThrow();
    }

    /** The queue if it belongs to this person and owner; other people's queues are not found. */
    public Optional<GuidedQueue> find(long id, Owner owner, SignedInUser user) {
        return queues.find(id)
                .filter(queue -> queue.ownerLogin().equals(owner.login()))
                .filter(queue -> queue.personLogin().equals(user.login()))
                .map(this::closeIfFinished);
    }

    public List<GuidedQueue> open(Owner owner, SignedInUser user) {
        return queues.openQueueIds(user.login(), owner.login()).stream()
                .flatMap(id -> queues.find(id).map(this::closeIfFinished).stream())
                .filter(queue -> queue.closedAt() == null)
                .toList();
    }

    /** Starts (or restarts, after a failed attempt) the change of the current item. */
    public GuidedQueue startCurrent(GuidedQueue queue, Owner owner, SignedInUser user) {
        queue.current().filter(item -> !item.waiting()).ifPresent(item -> {
            var started = changes.start(owner, item.packageName(), queue.target(), user);
            queues.attachChange(queue.id(), item.seq(), started.change().id());
        });
        return queues.find(queue.id()).orElseThrow();
    }

    /** Skips the current item (cancelling its pending change, if any) and moves on. */
    public GuidedQueue skipCurrent(GuidedQueue queue, SignedInUser user) {
        queue.current().ifPresent(item -> {
            if (item.waiting()) {
                changes.cancel(item.change().id(), user);
            }
            queues.skip(queue.id(), item.seq());
        });
        return closeIfFinished(queues.find(queue.id()).orElseThrow());
    }

    private GuidedQueue closeIfFinished(GuidedQueue queue) {
        if (queue.closedAt() == null && queue.finished()) {
            queues.close(queue.id(), clock.instant());
            return queues.find(queue.id()).orElseThrow();
        }
        return queue;
    }
}
