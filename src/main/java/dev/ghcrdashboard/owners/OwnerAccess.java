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

    /** Whether the person sees only this owner's public packages, and may change nothing of it. */
    public boolean publicReader() {
        return role == Role.PUBLIC_READER;
    }

    /** What a page of another owner's public packages says in place of the actions a member would find there. */
    public String publicNotice() {
        return owner.type() == OwnerType.USER
                ? "These are " + owner.login() + "'s public packages, shown read-only: only " + owner.login() + " can change them."
                : "You are not a member of " + owner.login() + ": only its public packages are shown, read-only.";
    }

    /** The sentence a page shows a viewer next to an action they cannot take. */
    public String onlyAdminsMay(String action) {
        String admins = owner.type() == OwnerType.USER ? owner.login() : owner.login() + "'s admins";
        return "Only " + admins + " can " + action + " — " + reason + ".";
    }
}
