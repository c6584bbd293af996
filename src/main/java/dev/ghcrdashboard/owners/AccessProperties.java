package dev.ghcrdashboard.owners;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may use the dashboard, and who administers an organization's packages in it.
 *
 * @param allowedOrgs members of these organizations may sign in; with all three lists empty, anyone with a
 *                    GitHub account may
 * @param allowedUsers these logins may sign in
 * @param allowedTeams members of these teams ({@code org/team-slug}) may sign in
 * @param adminTeams members of these teams ({@code org/team-slug}) administer that organization's packages here,
 *                   besides the organization's owners
 * @param roleRefresh how long memberships and roles read from GitHub are trusted before they are read again; a
 *                    person removed from an allowed organization is signed out at the next read
 */
@ConfigurationProperties("ghcr-dashboard.access")
record AccessProperties(List<String> allowedOrgs, List<String> allowedUsers, List<String> allowedTeams,
                        List<String> adminTeams, Duration roleRefresh) {

    AccessProperties {
        allowedOrgs = logins(allowedOrgs);
        allowedUsers = logins(allowedUsers);
        allowedTeams = teams(allowedTeams, "allowed-teams");
        adminTeams = teams(adminTeams, "admin-teams");
        roleRefresh = roleRefresh == null ? Duration.ofMinutes(10) : roleRefresh;
        if (roleRefresh.isNegative() || roleRefresh.isZero()) {
            throw new IllegalArgumentException("ghcr-dashboard.access.role-refresh must be positive, e.g. 10m");
        }
    }

    boolean restricted() {
        return !allowedOrgs.isEmpty() || !allowedUsers.isEmpty() || !allowedTeams.isEmpty();
    }

    private static List<String> logins(List<String> logins) {
        return logins == null ? List.of()
                : logins.stream().map(String::trim).filter(s -> !s.isEmpty()).map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    private static List<String> teams(List<String> teams, String key) {
        List<String> cleaned = logins(teams);
        cleaned.stream().filter(team -> !team.matches("[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9_.-]*")).findFirst()
                .ifPresent(bad -> {
                    throw new IllegalArgumentException("ghcr-dashboard.access." + key + " lists '" + bad
                            + "'; name a team as org/team-slug, e.g. acme/platform");
                });
        return cleaned;
    }
}
