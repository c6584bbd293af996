package dev.ghcrdashboard.visibility;

/** No visibility change (or queue) with that id exists for this owner. */
class ChangeNotFoundException extends RuntimeException {

    ChangeNotFoundException(long id) {
        super("No visibility change or queue " + id);
    }
}
