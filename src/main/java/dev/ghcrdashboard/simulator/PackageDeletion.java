package dev.ghcrdashboard.simulator;

import java.time.Duration;
import java.time.Instant;

/**
 * Deleting and restoring packages and versions with GitHub's rules: owner or org admin only (else 404), never the
 * last version, never a public package (or version) past 5,000 downloads, restore within 30 days.
 */
record PackageDeletion(State state, PackageReads reads) {

    private static final Duration RESTORE_WINDOW = Duration.ofDays(30);
    private static final int DOWNLOAD_LIMIT = 5000;

    Response deletePackage(RestCall call, PackageRoutes.Target target) {
        Model.Package pkg = reads.readable(call, target, Scopes.READ_PACKAGES, Scopes.DELETE_PACKAGES);
        requireAdmin(call, pkg);
        if (tooPopular(pkg, null)) {
            return popular();
        }
        Instant now = state.clock.instant();
        pkg.deletedAt = now;
        pkg.updatedAt = now;
        return Response.empty(204);
    }

    Response restorePackage(RestCall call, PackageRoutes.Target target) {
        call.requireScopes(Scopes.READ_PACKAGES, Scopes.WRITE_PACKAGES);
        Model.Package pkg = state.anyPackage(target.owner(), target.name());
        if (pkg == null || pkg.ownedByOrg != target.org() || pkg.active() || !state.canAdminister(call.login(), pkg)
                || !withinRestoreWindow(pkg.deletedAt)) {
            return RestErrors.packageNotFound();
        }
        pkg.deletedAt = null;
        pkg.updatedAt = state.clock.instant();
        return Response.empty(204);
    }

    Response deleteVersion(RestCall call, PackageRoutes.Target target, long id) {
        Model.Package pkg = reads.readable(call, target, Scopes.READ_PACKAGES, Scopes.DELETE_PACKAGES);
        requireAdmin(call, pkg);
        Model.Version version = pkg.byId.get(id);
        if (version == null || !version.active()) {
            return RestErrors.notFound();
        }
        if (tooPopular(pkg, version)) {
            return popular();
        }
        if (pkg.activeVersionCount() <= 1) {
            return RestErrors.error(400, "You cannot delete the last version of a package. You must delete the package instead.",
                    RestErrors.PACKAGES_DOCS);
        }
        Instant now = state.clock.instant();
        pkg.delete(version, now);
        pkg.updatedAt = now;
        return Response.empty(204);
    }

    Response restoreVersion(RestCall call, PackageRoutes.Target target, long id) {
        Model.Package pkg = reads.readable(call, target, Scopes.READ_PACKAGES, Scopes.WRITE_PACKAGES);
        requireAdmin(call, pkg);
        Model.Version version = pkg.byId.get(id);
        // GitHub restores only while the same version was not pushed again (that push made a new version).
        if (version == null || version.active() || !withinRestoreWindow(version.deletedAt)
                || pkg.byDigest.get(version.digest()) != version) {
            return RestErrors.notFound();
        }
        // A tag pushed elsewhere since the delete stays where it is now; the restored version loses it.
        version.tags.removeIf(tag -> pkg.tagged(tag) != null);
        Instant now = state.clock.instant();
        pkg.restore(version, now);
        pkg.updatedAt = now;
        return Response.empty(204);
    }

    private boolean withinRestoreWindow(Instant deletedAt) {
        return deletedAt != null && !state.clock.instant().isAfter(deletedAt.plus(RESTORE_WINDOW));
    }

    /** GitHub hides packages a caller may not administer behind 404, like those it may not see. */
    private void requireAdmin(RestCall call, Model.Package pkg) {
        if (!state.canAdminister(call.login(), pkg)) {
            throw new HttpFailure(RestErrors.packageNotFound());
        }
    }

    private static boolean tooPopular(Model.Package pkg, Model.Version version) {
        return pkg.visibility.equals("public")
                && (pkg.downloads > DOWNLOAD_LIMIT || (version != null && version.downloads > DOWNLOAD_LIMIT));
    }

    /**
     * GitHub documents that public packages (and versions) with more than 5,000 downloads cannot be deleted,
     * but not the status it answers with; 400 is this simulator's choice.
     */
    private static Response popular() {
        return RestErrors.error(400, "Publicly visible packages with more than 5000 downloads cannot be deleted. "
                + "Contact GitHub Support for further assistance.", RestErrors.PACKAGES_DOCS);
    }
}
