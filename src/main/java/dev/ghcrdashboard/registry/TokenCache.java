package dev.ghcrdashboard.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Registry bearer tokens per (repository, credential identity), kept until shortly before they expire. */
final class TokenCache {

    /** A token this close to expiry is not reused: the request it would go out with might outlive it. */
    private static final Duration SAFETY_MARGIN = Duration.ofSeconds(5);

    private record Key(String repository, String identity) {
    }

    private record Entry(String token, Instant expiresAt) {
    }

    private final Map<Key, Entry> tokens = new ConcurrentHashMap<>();
    private final Clock clock;

    TokenCache(Clock clock) {
        this.clock = clock;
    }

    String get(RegistryRepository repository, RegistryCredentials credentials) {
        Entry entry = tokens.get(new Key(repository.path(), CredentialUse.identity(credentials)));
        return entry != null && Instant.now(clock).isBefore(entry.expiresAt()) ? entry.token() : null;
    }

    void put(RegistryRepository repository, RegistryCredentials credentials, String token, Duration lifetime) {
        Instant now = Instant.now(clock);
        Duration margin = lifetime.compareTo(SAFETY_MARGIN.multipliedBy(4)) > 0 ? SAFETY_MARGIN : Duration.ZERO;
        tokens.values().removeIf(entry -> !now.isBefore(entry.expiresAt()));
        tokens.put(new Key(repository.path(), CredentialUse.identity(credentials)), new Entry(token, now.plus(lifetime).minus(margin)));
    }

    /** Forgets {@code token} if it is still the cached one; a newer token another request fetched stays. */
    void evict(RegistryRepository repository, RegistryCredentials credentials, String token) {
        tokens.computeIfPresent(new Key(repository.path(), CredentialUse.identity(credentials)), (key, entry) -> entry.token().equals(token) ? null : entry);
    }
}
