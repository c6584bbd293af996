package dev.ghcrdashboard.simulator;

import java.util.Map;

/**
 * What clients asked for since start or the last reset.
 *
 * @param rest every {@code /api/v3} request, including those answered 304
 * @param restNotModified the REST requests answered 304 (not charged to the rate limit)
 * @param registryTokens {@code /token} requests
 * @param oauth {@code /login/oauth/…} requests
 * @param manifestGets manifest GETs per served digest (each one a download on ghcr.io)
 * @param manifestHeads manifest HEADs per served digest
 * @param blobGets blob GETs
 */
public record RequestCounts(
        long rest,
        long restNotModified,
        long registryTokens,
        long oauth,
        Map<String, Long> manifestGets,
        Map<String, Long> manifestHeads,
        long blobGets) {

    public RequestCounts {
        manifestGets = Map.copyOf(manifestGets);
        manifestHeads = Map.copyOf(manifestHeads);
    }

    public long manifestGets(String digest) {
        return manifestGets.getOrDefault(digest, 0L);
    }

    public long totalManifestGets() {
        return manifestGets.values().stream().mapToLong(Long::longValue).sum();
    }

    public long totalManifestHeads() {
        return manifestHeads.values().stream().mapToLong(Long::longValue).sum();
    }
}
