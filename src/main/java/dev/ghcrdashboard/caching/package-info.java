/**
 * Shared: the in-memory caches of every feature, by name. Each cache is a Caffeine cache, bounded by
 * size, weight or expiry (its owner says why), recording statistics, and registered with
 * {@link dev.ghcrdashboard.caching.CacheStatistics}, the public surface of this package, which
 * publishes them to Micrometer. Depends on nothing else in the application, so anything may use it.
 */
@ApplicationModule(displayName = "In-memory caches", allowedDependencies = {})
package dev.ghcrdashboard.caching;

import org.springframework.modulith.ApplicationModule;
