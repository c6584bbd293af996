package dev.ghcrdashboard.github;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.ghcrdashboard.caching.CacheStatistics;

/**
 * ETags and bodies of earlier 200 answers, per token and URL, so a repeat request can send
 * {@code If-None-Match} and a 304 (which costs no rate limit) can be answered from memory.
 */
final class ConditionalCache {

    private ConditionalCache() {
    }

    record Key(TokenKey token, String uri) {
    }

    record Entry(String etag, byte[] body, String link, String oauthScopes) {

        /** Bodies are kept raw because their size is what bounds memory predictably; 256 bytes stand for the rest. */
        int weight() {
            return (int) Math.min(Integer.MAX_VALUE, body.length + 256L);
        }
    }

    static Cache<Key, Entry> create(long maxBytes, CacheStatistics caches) {
        return caches.register("github.conditional-responses", Caffeine.newBuilder()
                // Bounded by bytes, not entries: a page of 100 versions weighs a hundred single packages.
                .maximumWeight(maxBytes)
                .weigher((Key key, Entry entry) -> entry.weight())
                // Evictions run on the writing thread (cheap here), so the byte bound holds once put returns.
                .executor(Runnable::run)
                .recordStats()
                .build());
    }
}
