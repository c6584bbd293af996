/**
 * Shared: the in-memory caches of every feature, by name. Each cache is a Caffeine cache, bounded by
 * size, weight or expiry (its owner says why), recording statistics, and registered with
 * {@link dev.ghcrdashboard.caching.CacheStatistics}, the public surface of this package.
 */
package dev.ghcrdashboard.caching;
