package dev.ghcrdashboard.visibility;

import dev.ghcrdashboard.github.OwnerType;
import dev.ghcrdashboard.github.Visibility;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A person's queue of packages to change, one settings page after the other.
 *
 * @param closedAt when every item was verified or skipped; {@code null} while work remains
 */
record GuidedQueue(long id, String ownerLogin, OwnerType ownerType, String personLogin, Visibility target,
                          Instant createdAt, Instant closedAt, List<Item> items) {

    public GuidedQueue {
        items = List.copyOf(items);
    }

    /**
     * One package of the queue.
     *
     * @param change the latest change started for it, or {@code null} before the person got to it
     */
    public record Item(int seq, String packageName, VisibilityChange change, boolean skipped) {

        public boolean verified() {
            return change != null && change.state() == ChangeState.VERIFIED;
        }

        public boolean waiting() {
            return change != null && change.state() == ChangeState.WAITING;
        }

        /** Tried but ended without verification: the person can retry or skip it. */
        public boolean failed() {
            return change != null && change.state().isFinal() && !verified();
        }

        public boolean done() {
            return verified() || skipped;
        }
    }

    public long verifiedCount() {
        return items.stream().filter(Item::verified).count();
    }

    public long skippedCount() {
        return items.stream().filter(Item::skipped).count();
    }

    /** The first item still needing the person, in the order they were queued. */
    public Optional<Item> current() {
        return items.stream().filter(item -> !item.done()).findFirst();
    }

    public boolean finished() {
        return current().isEmpty();
    }
}
