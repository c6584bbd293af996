package dev.ghcrdashboard.packages;

import dev.ghcrdashboard.github.GitHubClient;
import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.github.OwnerType;
import dev.ghcrdashboard.security.SignedInUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/**
 * The owners a signed-in person can look at: themselves and every organization they belong to.
 * Kept for a short while per person so the owner switcher on every page costs no GitHub request.
 */
@Service
public class OwnerDirectory {

    private static final Duration FRESH_FOR = Duration.ofMinutes(2);

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

    /** The owner with this login if the person may look at it; logins compare case-insensitively like GitHub's. */
    public Optional<Owner> find(SignedInUser user, String login) {
        return owners(user).stream().filter(owner -> owner.login().equalsIgnoreCase(login)).findFirst();
    }

    private record CachedOwners(List<Owner> owners, Instant fetchedAt) {
    }
}
