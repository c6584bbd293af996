package dev.ghcrdashboard.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;

/**
 * Runs a piece of scheduled work on one instance at a time: the first instance to take the named ShedLock row in
 * the shared database runs it, the others find the lock taken and skip. A plain call rather than ShedLock's
 * {@code @SchedulerLock} annotation, so the scheduled beans need no proxy (they can be records) and can lock finer
 * grains than a whole run (one owner's drift re-check).
 */
public record OnceAcrossInstances(LockProvider locks) {

    /**
     * Runs {@code work} if no other instance holds the lock {@code name}.
     *
     * @param lockAtMostFor  how long the lock outlives an instance that dies while holding it
     * @param lockAtLeastFor how long the lock stays taken after the work, so an instance whose schedule fires a
     *                       little later does not run the same work again
     * @return whether the work ran here
     */
    public boolean run(String name, Duration lockAtMostFor, Duration lockAtLeastFor, Runnable work) {
        // Lock times are the database's (usingDbTime), so the instant given here does not matter.
        Optional<SimpleLock> lock = locks.lock(new LockConfiguration(Instant.now(), name, lockAtMostFor, lockAtLeastFor));
        if (lock.isEmpty()) {
            return false;
        }
        try {
            work.run();
        } finally {
            lock.get().unlock(); // keeps the row taken until lockAtLeastFor has passed
        }
        return true;
    }
}
