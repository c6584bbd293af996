package dev.ghcrdashboard.registry;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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

    private final AsyncCache<String, V> inFlight;

    SingleFlight(String name, CacheStatistics caches) {
        this.inFlight = caches.register(name, Caffeine.newBuilder()
                // An entry lives while its work runs, and every request in it times out, so this is never
                // reached; should a run hang anyway, later callers start afresh instead of waiting behind it.
                .expireAfterWrite(Duration.ofMinutes(5))
                .recordStats()
                .buildAsync());
    }

    V run(String key, Supplier<V> work) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> leader = inFlight.get(key, (k, executor) -> mine);
        if (leader != mine) {
            return await(leader);
        }
        try {
            V value = work.get();
            mine.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.asMap().remove(key, mine);
        }
    }

    private V await(CompletableFuture<V> leader) {
        try {
            return leader.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }
}
