package dev.ghcrdashboard.github;

/**
 * The signed-in user's active membership of an organization.
 *
 * @param admin GitHub's role {@code admin} (an organization owner); {@code member} and {@code billing_manager} are not
 */
public record OrgMembership(Owner organization, boolean admin) {
}
