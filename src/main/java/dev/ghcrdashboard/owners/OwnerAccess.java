package dev.ghcrdashboard.owners;

import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.github.OwnerType;

/**
 * A person's role for one owner and the reason, in words a page can show.
 *
 * @param reason why the person has this role, e.g. "you are a member of acme"
 */
public record OwnerAccess(Owner owner, Role role, String reason) {

    public boolean admin() {
        return role == Role.ADMIN;
    }

    /** The sentence a page shows a viewer next to an action they cannot take. */
    public String onlyAdminsMay(String action) {
        String admins = owner.type() == OwnerType.USER ? owner.login() : owner.login() + "'s admins";
        return "Only " + admins + " can " + action + " — " + reason + ".";
    }
}
