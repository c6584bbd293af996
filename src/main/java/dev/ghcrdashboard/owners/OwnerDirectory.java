package dev.ghcrdashboard.owners;

import dev.ghcrdashboard.common.BadRequestException;
import dev.ghcrdashboard.common.ForbiddenException;
import dev.ghcrdashboard.common.NotFoundException;
import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.github.OwnerType;
import dev.ghcrdashboard.security.SignedInUser;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * The owners a signed-in person can work with — themselves and every organization they belong to — and
 * their role for each: a person administers their own packages, and an organization's when they are one
 * of its owners on GitHub or in one of its configured admin teams; otherwise they are a viewer. Any other
 * user or organization can only be browsed ({@link #requireReadable}): its public packages, read-only.
 */
@Service
public class OwnerDirectory {

    /** GitHub logins: alphanumerics and single hyphens, at most 39 characters. */
    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})");

    private final MembershipReader memberships;
    private final AccountReader accounts;
    private final AccessProperties access;

    OwnerDirectory(MembershipReader memberships, AccountReader accounts, AccessProperties access) {
        this.memberships = memberships;
        this.accounts = accounts;
        this.access = access;
    }

    /** The person first, then their organizations by name. */
    public List<Owner> owners(SignedInUser user) {
        List<Owner> owners = new ArrayList<>();
        owners.add(new Owner(user.login(), OwnerType.USER, null));
        memberships(user).organizations().stream()
                .map(membership -> membership.organization())
                .sorted(Comparator.comparing(org -> org.login().toLowerCase(java.util.Locale.ROOT)))
                .forEach(owners::add);
        return List.copyOf(owners);
    }

    /**
     * The owner a URL names, for pages that act on it: a malformed login is a bad request, and an owner
     * the person cannot look at is "not found" (as GitHub answers it).
     */
    public Owner require(SignedInUser user, String login) {
        requireLogin(login);
        return find(user, login).orElseThrow(() -> new NotFoundException(login + " is neither you nor an organization you are a"
                + " member of: of other owners the dashboard shows only public packages, and nothing else."));
    }

    /**
     * The owner a browsing page names (its package list, a package, a version, storage) with the person's role:
     * their own and their organizations' as {@link #require} finds them, and any other GitHub user or organization
     * with {@link Role#PUBLIC_READER}, because GitHub shows anyone signed in its public packages (docs/ghcr-platform.md
     * §2.7). Pages that change or record anything keep using {@link #require}.
     *
     * @throws BadRequestException for a malformed login
     * @throws NotFoundException when GitHub knows no user or organization by that name
     */
    public OwnerAccess requireReadable(SignedInUser user, String login) {
        requireLogin(login);
        Owner owner = find(user, login)
                .or(() -> accounts.find(login, user.token()))
                .orElseThrow(() -> new NotFoundException("There is no GitHub user or organization called " + login + "."));
        return access(user, owner);
    }

    /**
     * The login, if it is spelled like a GitHub user or organization name.
     *
     * @throws BadRequestException otherwise, before anyone asks GitHub about it
     */
    public String requireLogin(String login) {
        if (login == null || !LOGIN.matcher(login).matches()) {
            throw new BadRequestException("That is not a GitHub user or organization name.");
        }
        return login;
    }

    /** The owner with this login if the person may look at it; logins compare case-insensitively like GitHub's. */
    public Optional<Owner> find(SignedInUser user, String login) {
        return owners(user).stream().filter(owner -> owner.login().equalsIgnoreCase(login)).findFirst();
    }

    /** The person's role for an owner, and why. */
    public OwnerAccess access(SignedInUser user, Owner owner) {
        if (owner.type() == OwnerType.USER) {
            return owner.login().equalsIgnoreCase(user.login())
                    ? new OwnerAccess(owner, Role.ADMIN, "these are your own packages")
                    : new OwnerAccess(owner, Role.PUBLIC_READER, "you are not " + owner.login());
        }
        Memberships known = memberships(user);
        if (!known.memberOf(owner.login())) {
            return new OwnerAccess(owner, Role.PUBLIC_READER, "you are not a member of " + owner.login());
        }
        if (known.ownerOf(owner.login())) {
            return new OwnerAccess(owner, Role.ADMIN, "you are an owner of " + owner.login());
        }
        Optional<String> adminTeam = access.adminTeams().stream()
                .filter(team -> team.startsWith(owner.login().toLowerCase(java.util.Locale.ROOT) + "/"))
                .filter(known::inTeam).findFirst();
        if (adminTeam.isPresent()) {
            return new OwnerAccess(owner, Role.ADMIN, "you are in the admin team " + adminTeam.get());
        }
        return new OwnerAccess(owner, Role.VIEWER, "you are a member of " + owner.login());
    }

    /**
     * The person's access to an owner as GitHub says it now rather than as cached for role-refresh: for work done in
     * a person's name while they are away (a scheduled retention policy run), where a role lost minutes ago matters.
     * Empty when the owner is no longer theirs to see.
     *
     * @throws dev.ghcrdashboard.github.GitHubUnauthorizedException when GitHub no longer accepts the person's token
     */
    public Optional<OwnerAccess> accessNow(SignedInUser user, String login) {
        memberships.reread(user.login(), user.token());
        return find(user, login).map(owner -> access(user, owner));
    }

    /**
     * Checks, before anything is stored or GitHub is asked, that the person administers this owner.
     *
     * @param action what they tried, as it reads after "Only acme's admins can …"
     * @throws ForbiddenException saying who can, and what the person is
     */
    public OwnerAccess requireAdmin(SignedInUser user, Owner owner, String action) {
        OwnerAccess ownerAccess = access(user, owner);
        if (!ownerAccess.admin()) {
            throw new ForbiddenException(ownerAccess.onlyAdminsMay(action));
        }
        return ownerAccess;
    }

    /**
     * What every handler that changes something starts with: {@link #require the owner} with this login, and
     * {@link #requireAdmin the check} that the person administers it.
     */
    public Owner requireAdministered(SignedInUser user, String login, String action) {
        Owner owner = require(user, login);
        requireAdmin(user, owner, action);
        return owner;
    }

    private Memberships memberships(SignedInUser user) {
        return memberships.of(user.login(), user.token());
    }
}
