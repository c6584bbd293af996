package dev.ghcrdashboard.registry;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.ghcrdashboard.caching.CacheStatistics;

/**
 * Concurrent callers asking for the same key share one execution of the work: the first runs it, the
 * others wait for its result (or its failure). Once it finishes the key is free again, so the work
 * itself must check whether an earlier run already stored the result. A cache of work in flight:
 * its hits are callers that joined another's work, its misses are the runs.
 */
final class SingleFlight<V> {

    /**
     * What a run ended with. The futures in the cache always complete normally, carrying a failure as a value:
     * Caffeine logs every future that fails as a warning with its stack, and a refused anonymous token (how a
     * private package answers) is an expected outcome, not a warning.
     */
    private record Outcome<V>(V value, Throwable failure) {

        V get() {
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            return value;
        }
    }

    private final AsyncCache<String, Outcome<V>> inFlight;

    SingleFlight(String name, CacheStatistics caches) {
        this.inFlight = caches.register(name, Caffeine.newBuilder()
                // An entry lives while its work runs, and every request in it times out, so this is never
                // reached; should a run hang anyway, later callers start afresh instead of waiting behind it.
                .expireAfterWrite(Duration.ofMinutes(5))
                .recordStats()
                .buildAsync());
    }

    V run(String key, Supplier<V> work) {
        CompletableFuture<Outcome<V>> mine = new CompletableFuture<>();
        CompletableFuture<Outcome<V>> leader = inFlight.get(key, (k, executor) -> mine);
        if (leader != mine) {
            return leader.join().get();
        }
        try {
            V value = work.get();
            mine.complete(new Outcome<>(value, null));
            return value;
        } catch (RuntimeException | Error e) {
            mine.complete(new Outcome<>(null, e));
            throw e;
        } finally {
            inFlight.asMap().remove(key, mine);
        }
    }
}
