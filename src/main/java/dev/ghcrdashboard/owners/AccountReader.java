package dev.ghcrdashboard.owners;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.ghcrdashboard.caching.CacheStatistics;
import dev.ghcrdashboard.github.AccessToken;
import dev.ghcrdashboard.github.GitHubClient;
import dev.ghcrdashboard.github.Owner;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Looks up owners a person is not a member of (a user or an organization, docs/ghcr-platform.md §2.8), so every
 * page of another owner's public packages does not cost a request. Only found accounts are kept: a login nobody
 * has yet may be taken tomorrow.
 */
@Component
class AccountReader {

    /** Owners looked at by anyone on the dashboard; the least recently used go first. */
    private static final int MAX_ACCOUNTS = 10_000;

    private final GitHubClient gitHub;
    private final Cache<String, Owner> byLogin;

    AccountReader(GitHubClient gitHub, AccessProperties access, CacheStatistics caches, Clock clock) {
        this.gitHub = gitHub;
        this.byLogin = caches.register("owners.accounts", Caffeine.newBuilder()
                .maximumSize(MAX_ACCOUNTS)
                // Whether a login is a user or an organization almost never changes; re-read it as often as roles.
                .expireAfterWrite(access.roleRefresh())
                .ticker(CacheStatistics.ticker(clock))
                .recordStats()
                .build());
    }

    Optional<Owner> find(String login, AccessToken token) {
        // A null from the loader is not cached, so an unknown login is asked again next time.
        return Optional.ofNullable(byLogin.get(login.toLowerCase(Locale.ROOT), key -> gitHub.account(login, token).orElse(null)));
    }
}
