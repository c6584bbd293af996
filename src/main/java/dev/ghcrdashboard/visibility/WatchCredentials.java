package dev.ghcrdashboard.visibility;

import dev.ghcrdashboard.github.AccessToken;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Tokens the background watcher uses to poll GitHub for a pending change, held in memory only:
 * a token is never written to the database. After a restart (or on another instance) a change has
 * no token until its page polls again, which hands the viewer's token back.
 */
@Component
class WatchCredentials {

    private final Map<Long, AccessToken> byChange = new ConcurrentHashMap<>();

    void remember(long changeId, AccessToken token) {
        byChange.put(changeId, token);
    }

    Optional<AccessToken> forChange(long changeId) {
        return Optional.ofNullable(byChange.get(changeId));
    }

    Set<Long> changeIds() {
        return Set.copyOf(byChange.keySet());
    }

    void forget(long changeId) {
        byChange.remove(changeId);
    }
}
