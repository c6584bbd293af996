package dev.ghcrdashboard.owners;

import dev.ghcrdashboard.github.AccessToken;
import dev.ghcrdashboard.security.SignInPolicy;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The configured allow-lists ({@code ghcr-dashboard.access}) checked against what GitHub says about the
 * person: a listed login, or an active member of a listed organization or team. Answers later checks from
 * the memberships read at most one role-refresh interval ago.
 */
@Component
record MembershipSignInPolicy(AccessProperties access, MembershipReader memberships) implements SignInPolicy {

    @Override
    public Optional<String> refusal(String login, AccessToken token) {
        if (!access.restricted() || access.allowedUsers().contains(login.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        Memberships known = memberships.of(login, token);
        boolean allowed = access.allowedOrgs().stream().anyMatch(known::memberOf)
                || access.allowedTeams().stream().anyMatch(known::inTeam);
        return allowed ? Optional.empty()
                : Optional.of("This dashboard is limited to configured organizations, teams and users.");
    }
}
