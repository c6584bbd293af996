package dev.ghcrdashboard.owners;

import dev.ghcrdashboard.github.OrgMembership;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What GitHub said about one person, read at most once per role-refresh interval: their organizations with
 * GitHub's role in each, and which of the configured teams they are an active member of.
 */
record Memberships(String login, List<OrgMembership> organizations, Set<String> teams) {

    boolean memberOf(String org) {
        return organizations.stream().anyMatch(m -> m.organization().login().equalsIgnoreCase(org));
    }

    boolean ownerOf(String org) {
        return organizations.stream().anyMatch(m -> m.admin() && m.organization().login().equalsIgnoreCase(org));
    }

    boolean inTeam(String orgSlashTeam) {
        return teams.contains(orgSlashTeam.toLowerCase(Locale.ROOT));
    }
}
