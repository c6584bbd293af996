package dev.ghcrdashboard.visibility;

import dev.ghcrdashboard.common.NotFoundException;

/** No visibility change, queue or rule with that id exists for this owner. */
class ChangeNotFoundException extends NotFoundException {

    ChangeNotFoundException(long id) {
        super("That owner has no visibility change, rule or queue " + id + ", or you have no access to it.");
    }
}
