package dev.ghcrdashboard.security;

import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may use the dashboard. Both lists empty: anyone who can sign in with GitHub. Otherwise a
 * person must be listed by login or be a member of a listed organization.
 *
 * @param allowedOrgs organizations whose members may sign in (logins, case does not matter); empty
 *        together with allowedUsers lets everyone in
 * @param allowedUsers GitHub logins that may sign in whatever organizations they belong to
 */
@ConfigurationProperties("ghcr-dashboard.access")
record AccessProperties(List<String> allowedOrgs, List<String> allowedUsers) {

    AccessProperties {
        allowedOrgs = normalise(allowedOrgs);
        allowedUsers = normalise(allowedUsers);
    }

    boolean restricted() {
        return !allowedOrgs.isEmpty() || !allowedUsers.isEmpty();
    }

    private static List<String> normalise(List<String> logins) {
        return logins == null ? List.of()
                : logins.stream().map(String::trim).filter(s -> !s.isEmpty()).map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }
}
