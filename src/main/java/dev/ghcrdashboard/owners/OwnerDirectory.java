package dev.ghcrdashboard.owners;

import dev.ghcrdashboard.github.GitHubClient;
import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.github.OwnerType;
import dev.ghcrdashboard.security.SignedInUser;
import dev.ghcrdashboard.common.BadRequestException;
import dev.ghcrdashboard.common.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * The owners a signed-in person can look at: themselves and every organization they belong to.
 * Kept for a short while per person so the owner switcher on every page costs no GitHub request.
 */
@Service
public class OwnerDirectory {

    private static final Duration FRESH_FOR = Duration.ofMinutes(2);
    /** GitHub logins: alphanumerics and single hyphens, at most 39 characters. */
    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})");

    private final GitHubClient gitHub;
    private final Clock clock;
    private final Map<String, CachedOwners> byLogin = new ConcurrentHashMap<>();

    OwnerDirectory(GitHubClient gitHub) {
        this.gitHub = gitHub;
        this.clock = Clock.systemUTC();
    }

    /** The person first, then their organizations by name. */
    public List<Owner> owners(SignedInUser user) {
        Instant now = clock.instant();
        CachedOwners cached = byLogin.get(user.login());
        if (cached != null && cached.fetchedAt().plus(FRESH_FOR).isAfter(now)) {
            return cached.owners();
        }
        List<Owner> owners = new ArrayList<>();
        owners.add(new Owner(user.login(), OwnerType.USER, null));
        gitHub.organizations(user.token()).stream()
                .sorted((a, b) -> a.login().compareToIgnoreCase(b.login()))
                .forEach(owners::add);
        List<Owner> result = List.copyOf(owners);
        byLogin.put(user.login(), new CachedOwners(result, now));
        return result;
    }

    /**
     * The owner a URL names, for pages that act on it: a malformed login is a bad request, and an owner
     * the person cannot look at is "not found" (as GitHub answers it).
     */
    public Owner require(SignedInUser user, String login) {
        if (login == null || !LOGIN.matcher(login).matches()) {
            throw new BadRequestException("That is not a GitHub user or organization name.");
        }
        return find(user, login).orElseThrow(() -> new NotFoundException(
                "You are not " + login + " and not a member of an organization called " + login + "."));
    }

    /** The owner with this login if the person may look at it; logins compare case-insensitively like GitHub's. */
    public Optional<Owner> find(SignedInUser user, String login) {
        return owners(user).stream().filter(owner -> owner.login().equalsIgnoreCase(login)).findFirst();
    }

    private record CachedOwners(List<Owner> owners, Instant fetchedAt) {
    }
}
