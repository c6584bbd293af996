package dev.ghcrdashboard.caching;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.stereotype.Component;

/**
 * Every in-memory cache of the dashboard under a clear name ({@code feature.what}), with its hit,
 * miss, load and eviction counts. Published to Micrometer as Caffeine's standard {@code cache.*}
 * meters tagged {@code cache=<name>}; a cache registered after binding is published too.
 */
@Component
public final class CacheStatistics implements MeterBinder {

    private final Map<String, Cache<?, ?>> caches = new TreeMap<>();
    private final List<MeterRegistry> registries = new ArrayList<>();

    /**
     * Registers {@code cache} under {@code name} and returns it.
     *
     * @throws IllegalArgumentException if the cache records no statistics or the name is taken
     */
    public synchronized <K, V> Cache<K, V> register(String name, Cache<K, V> cache) {
        if (!cache.policy().isRecordingStats()) {
            throw new IllegalArgumentException("Cache " + name + " must be built with recordStats()");
        }
        if (caches.putIfAbsent(name, cache) != null) {
            throw new IllegalArgumentException("A cache named " + name + " is already registered");
        }
        registries.forEach(registry -> CaffeineCacheMetrics.monitor(registry, cache, name));
        return cache;
    }

    /** Registers an asynchronous cache (its statistics are those of its synchronous view). */
    public <K, V> AsyncCache<K, V> register(String name, AsyncCache<K, V> cache) {
        register(name, cache.synchronous());
        return cache;
    }

    /** Each cache's counts since it was built, by name. */
    public synchronized SortedMap<String, CacheStats> snapshot() {
        SortedMap<String, CacheStats> stats = new TreeMap<>();
        caches.forEach((name, cache) -> stats.put(name, cache.stats()));
        return stats;
    }

    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        registries.add(registry);
        caches.forEach((name, cache) -> CaffeineCacheMetrics.monitor(registry, cache, name));
    }

    /**
     * A builder for a cache measured on the application's clock (see {@link #ticker}) that records the statistics
     * {@link #register} asks for: how the dashboard's expiring caches start.
     */
    public static Caffeine<Object, Object> builder(Clock clock) {
        return Caffeine.newBuilder().ticker(ticker(clock)).recordStats();
    }

    /**
     * A Caffeine ticker that reads {@code clock}, for caches whose expiry is measured against the
     * application's clock (token lifetimes, deadlines): then a test that moves the clock moves their
     * expiry too.
     */
    public static Ticker ticker(Clock clock) {
        return () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
    }
}
