package dev.ghcrdashboard.visibility;

import com.github.benmanes.caffeine.cache.Cache;
import dev.ghcrdashboard.caching.CacheStatistics;
import dev.ghcrdashboard.github.AccessToken;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Tokens the background watcher uses to poll GitHub for a pending change, held in memory only:
 * a token is never written to the database. After a restart (or on another instance) a change has
 * no token until its page polls again, which hands the viewer's token back.
 */
@Component
class WatchCredentials {

    private final Cache<Long, AccessToken> byChange;

    WatchCredentials(VisibilityProperties properties, CacheStatistics caches, Clock clock) {
        this.byChange = caches.register("visibility.watch-tokens", CacheStatistics.builder(clock)
                // A change waits at most until its deadline (change-timeout after it started) plus the mismatch
                // grace; the watcher forgets the token when the change ends, and expiry drops the tokens of
                // changes that ended where this instance could not see it.
                .expireAfterWrite(properties.changeTimeout().plus(properties.mismatchGrace()))
                .build());
    }

    void remember(long changeId, AccessToken token) {
        byChange.put(changeId, token);
    }

    Optional<AccessToken> forChange(long changeId) {
        return Optional.ofNullable(byChange.getIfPresent(changeId));
    }

    Set<Long> changeIds() {
        return Set.copyOf(byChange.asMap().keySet());
    }

    void forget(long changeId) {
        byChange.invalidate(changeId);
    }
}
