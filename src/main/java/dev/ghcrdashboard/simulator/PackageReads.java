package dev.ghcrdashboard.simulator;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

/** Listing and reading packages and their versions, and who may see them (everyone else gets 404 "Package not found."). */
record PackageReads(State state, PackageJson json, Pagination pagination) {

    Response listPackages(RestCall call, String owner) {
        String type = call.request.query.get("package_type");
        if (type == null || type.isEmpty()) {
            throw new HttpFailure(Response.empty(400));
        }
        call.requireScopes(Scopes.READ_PACKAGES);
        String visibility = call.request.query.get("visibility");
        List<Object> items = new ArrayList<>();
        if (type.equals("container")) {
            for (Model.Package pkg : state.packagesOf(owner)) {
                if (state.canRead(call.login(), pkg) && (visibility == null || visibility.equals(pkg.visibility))) {
                    items.add(json.pkg(pkg));
                }
            }
        }
        return pagination.packagePage(call.request, items);
    }

    Response getPackage(RestCall call, PackageRoutes.Target target) {
        return Json.response(200, json.pkg(readable(call, target, Scopes.READ_PACKAGES)));
    }

    Response listVersions(RestCall call, PackageRoutes.Target target) {
        Model.Package pkg = readable(call, target, Scopes.READ_PACKAGES);
        String stateFilter = call.request.query.getOrDefault("state", "active");
        if (!stateFilter.equals("active") && !stateFilter.equals("deleted")) {
            throw new HttpFailure(RestErrors.error(400, "state must be active or deleted"));
        }
        List<Model.Version> versions = pkg.listing(stateFilter.equals("deleted"));
        // Only the requested page is turned into JSON: building all 10,000 versions of a large package for
        // every page made the simulator, not the client under test, dominate benchmarks.
        List<Object> items = new AbstractList<>() {
            @Override
            public Object get(int index) {
                return json.version(pkg, versions.get(index));
            }

            @Override
            public int size() {
                return versions.size();
            }
        };
        return pagination.page(call.request, items);
    }

    Response getVersion(RestCall call, PackageRoutes.Target target, long id) {
        Model.Package pkg = readable(call, target, Scopes.READ_PACKAGES);
        Model.Version version = pkg.byId.get(id);
        if (version == null || !version.active()) {
            return RestErrors.notFound();
        }
        return Json.response(200, json.version(pkg, version));
    }

    /** The active package the caller may read, after checking the endpoint's scopes; otherwise the request ends in 404. */
    Model.Package readable(RestCall call, PackageRoutes.Target target, String... scopes) {
        call.requireScopes(scopes);
        Model.Package pkg = state.activePackage(target.owner(), target.name());
        if (pkg == null || pkg.ownedByOrg != target.org() || !state.canRead(call.login(), pkg)) {
            throw new HttpFailure(RestErrors.packageNotFound());
        }
        return pkg;
    }
}
