package dev.ghcrdashboard.registry;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Concurrent callers asking for the same key share one execution of the work: the first runs it, the
 * others wait for its result (or its failure). Once it finishes the key is free again, so the work
 * itself must check whether an earlier run already stored the result.
 */
final class SingleFlight<V> {

    private final ConcurrentMap<String, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();

    V run(String key, Supplier<V> work) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> leader = inFlight.putIfAbsent(key, mine);
        if (leader != null) {
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
            inFlight.remove(key, mine);
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
