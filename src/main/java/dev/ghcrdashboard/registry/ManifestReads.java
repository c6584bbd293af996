package dev.ghcrdashboard.registry;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One bulk read of a repository's manifests, such as the analysis of a package, where the caller decides
 * what to read next from what came back: stored manifests are looked up in the database in one query per
 * call, the rest are fetched one future each on the client's bulk threads (at most
 * {@link #concurrency()} in flight for the whole dashboard), verified, and written to the database in
 * batches. {@link #close()} writes the last batch.
 *
 * <p>The registry sees one token request before the fan-out, not a wave of requests without a token: when
 * a token can be had up front (cached, or the registry's challenge is known), every fetch carries one; at
 * the dashboard's first contact with the registry the first fetch goes alone, meets the challenge, and the
 * others follow with the token it obtained.
 */
public final class ManifestReads implements AutoCloseable {

    private final RegistryClient client;
    private final RegistryRepository repository;
    private final RegistryCredentials credentials;
    private final boolean tokenUpFront;
    /** The first fetch when no token could be had up front; the others wait for it. */
    private CompletableFuture<ManifestDocument> firstContact;

    ManifestReads(RegistryClient client, RegistryRepository repository, RegistryCredentials credentials, boolean tokenUpFront) {
        this.client = client;
        this.repository = repository;
        this.credentials = credentials;
        this.tokenUpFront = tokenUpFront;
    }

    /** How many fetches the client runs at once; more than this in flight only wait in its queue. */
    public int concurrency() {
        return client.bulkConcurrency();
    }

    /**
     * Which of {@code digests} were read before (by anyone) and are in the database: digests only, in one query
     * per thousand, so a cold read of a large package asks the database a few times instead of before every fetch.
     */
    public Set<String> storedAmong(Collection<String> digests) {
        return client.storedManifestDigests(digests);
    }

    /** The manifests among {@code digests} that were read before (by anyone), from the database. */
    public Map<String, ManifestDocument> stored(Collection<String> digests) {
        Map<String, ManifestDocument> found = new LinkedHashMap<>();
        client.storedManifests(digests).forEach(document -> found.put(document.digest(), document));
        return found;
    }

    /**
     * Fetches one manifest (or takes it from the database, should it have been stored meanwhile). The future
     * fails with a {@link RegistryException} when the manifest cannot be read.
     */
    public synchronized CompletableFuture<ManifestDocument> fetch(String digest) {
        RegistryClient.requireDigest(digest);
        if (tokenUpFront) {
            return client.fetchForBulkRead(repository, digest, credentials);
        }
        if (firstContact == null) {
            firstContact = client.fetchForBulkRead(repository, digest, credentials);
            return firstContact;
        }
        CompletableFuture<ManifestDocument> after = new CompletableFuture<>();
        firstContact.whenComplete((document, failure) -> client.fetchForBulkRead(repository, digest, credentials)
                .whenComplete((fetched, fetchFailure) -> {
                    if (fetchFailure == null) {
                        after.complete(fetched);
                    } else {
                        after.completeExceptionally(fetchFailure);
                    }
                }));
        return after;
    }

    /** Writes the manifests still waiting for their batch. */
    public void flush() {
        client.flushStoredManifests();
    }

    @Override
    public void close() {
        flush();
    }
}
