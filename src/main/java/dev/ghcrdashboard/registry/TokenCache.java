package dev.ghcrdashboard.registry;

import java.time.Clock;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Expiry;

import dev.ghcrdashboard.caching.CacheStatistics;

/** Registry bearer tokens per (repository, credential identity), kept until shortly before they expire. */
final class TokenCache {

    /** A token this close to expiry is not reused: the request it would go out with might outlive it. */
    private static final Duration SAFETY_MARGIN = Duration.ofSeconds(5);

    private record Key(String repository, String identity) {
    }

    private record Entry(String token, Duration usableFor) {
    }

    private final Cache<Key, Entry> tokens;

    TokenCache(Clock clock, CacheStatistics caches) {
        this("registry.tokens", clock, caches);
    }

    /** A cache of its own under {@code name}: push tokens are kept apart from pull tokens. */
    TokenCache(String name, Clock clock, CacheStatistics caches) {
        this.tokens = caches.register(name, CacheStatistics.builder(clock)
                // Each token goes when the registry said it expires (less the margin), measured on the
                // application clock; it is never handed out after that.
                .expireAfter(Expiry.writing((Key key, Entry entry) -> entry.usableFor()))
                // One entry per repository and person: a large team reading every package in one token lifetime.
                .maximumSize(10_000)
                .build());
    }

    String get(RegistryRepository repository, RegistryCredentials credentials) {
        Entry entry = tokens.getIfPresent(key(repository, credentials));
        return entry == null ? null : entry.token();
    }

    void put(RegistryRepository repository, RegistryCredentials credentials, String token, Duration lifetime) {
        Duration margin = lifetime.compareTo(SAFETY_MARGIN.multipliedBy(4)) > 0 ? SAFETY_MARGIN : Duration.ZERO;
        tokens.put(key(repository, credentials), new Entry(token, lifetime.minus(margin)));
    }

    /** Forgets {@code token} if it is still the cached one; a newer token another request fetched stays. */
    void evict(RegistryRepository repository, RegistryCredentials credentials, String token) {
        tokens.asMap().computeIfPresent(key(repository, credentials), (key, entry) -> entry.token().equals(token) ? null : entry);
    }

    private static Key key(RegistryRepository repository, RegistryCredentials credentials) {
        return new Key(repository.path(), CredentialUse.identity(credentials));
    }
}
