package dev.ghcrdashboard.simulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

final class Counters {

    final AtomicLong rest = new AtomicLong();
    final AtomicLong restNotModified = new AtomicLong();
    final AtomicLong registryTokens = new AtomicLong();
    final AtomicLong oauth = new AtomicLong();
    final AtomicLong blobGets = new AtomicLong();
    final Map<String, AtomicLong> manifestGets = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> manifestHeads = new ConcurrentHashMap<>();

    void manifestGet(String digest) {
        manifestGets.computeIfAbsent(digest, key -> new AtomicLong()).incrementAndGet();
    }

    void manifestHead(String digest) {
        manifestHeads.computeIfAbsent(digest, key -> new AtomicLong()).incrementAndGet();
    }

    RequestCounts snapshot() {
        return new RequestCounts(rest.get(), restNotModified.get(), registryTokens.get(), oauth.get(), copy(manifestGets),
                copy(manifestHeads), blobGets.get());
    }

    void reset() {
        rest.set(0);
        restNotModified.set(0);
        registryTokens.set(0);
        oauth.set(0);
        blobGets.set(0);
        manifestGets.clear();
        manifestHeads.clear();
    }

    private static Map<String, Long> copy(Map<String, AtomicLong> counts) {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((digest, count) -> copy.put(digest, count.get()));
        return copy;
    }
}
