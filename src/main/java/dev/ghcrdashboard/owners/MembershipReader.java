package dev.ghcrdashboard.owners;

import com.github.benmanes.caffeine.cache.Cache;
import dev.ghcrdashboard.caching.CacheStatistics;
import dev.ghcrdashboard.github.AccessToken;
import dev.ghcrdashboard.github.GitHubClient;
import dev.ghcrdashboard.github.GitHubMissingScopeException;
import dev.ghcrdashboard.github.OrgMembership;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Reads a person's memberships from GitHub and keeps them for the configured role-refresh interval, so
 * the owner switcher and every role check on a page cost no request. Each instance reads for itself; a
 * change on GitHub reaches every instance within that interval, which is the staleness the roles accept.
 */
@Component
class MembershipReader {

    /** Enough for every person signed in at once on a team's dashboard; the least recently used go first. */
    private static final int MAX_PEOPLE = 10_000;

    private final GitHubClient gitHub;
    private final AccessProperties access;
    private final Cache<String, Memberships> byLogin;

    MembershipReader(GitHubClient gitHub, AccessProperties access, CacheStatistics caches, Clock clock) {
        this.gitHub = gitHub;
        this.access = access;
        this.byLogin = caches.register("owners.memberships", CacheStatistics.builder(clock)
                .maximumSize(MAX_PEOPLE)
                // Roles are trusted for role-refresh, measured on the application clock.
                .expireAfterWrite(access.roleRefresh())
                .build());
    }

    Memberships of(String login, AccessToken token) {
        return byLogin.get(login.toLowerCase(Locale.ROOT), key -> read(login, token));
    }

    /** Reads the person's memberships from GitHub now, whatever is cached, and caches what GitHub said. */
    Memberships reread(String login, AccessToken token) {
        Memberships fresh = read(login, token);
        byLogin.put(login.toLowerCase(Locale.ROOT), fresh);
        return fresh;
    }

    private Memberships read(String login, AccessToken token) {
        List<OrgMembership> organizations;
        try {
            organizations = gitHub.organizationMemberships(token);
        } catch (GitHubMissingScopeException noReadOrg) {
            // Without read:org GitHub names the organizations but not the roles: a member of each, then.
            organizations = gitHub.organizations(token).stream().map(org -> new OrgMembership(org, false)).toList();
        }
        Set<String> teams = new LinkedHashSet<>();
        List<OrgMembership> orgs = organizations;
        Stream.concat(access.adminTeams().stream(), access.allowedTeams().stream()).distinct()
                .filter(team -> orgs.stream().anyMatch(m -> m.organization().login().equalsIgnoreCase(team.split("/")[0])))
                .filter(team -> activeTeamMember(team, login, token))
                .forEach(teams::add);
        return new Memberships(login, organizations, teams);
    }

    /** Without {@code read:org} GitHub will not say; the person is then not counted in the team. */
    private boolean activeTeamMember(String orgSlashTeam, String login, AccessToken token) {
        String[] parts = orgSlashTeam.split("/", 2);
        try {
            return gitHub.isActiveTeamMember(parts[0], parts[1], login, token);
        } catch (GitHubMissingScopeException noReadOrg) {
            return false;
        }
    }
}
