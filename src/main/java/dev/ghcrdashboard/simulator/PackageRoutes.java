package dev.ghcrdashboard.simulator;

import java.util.List;

/**
 * Routes the Packages API: {@code /user/packages…}, {@code /users/{u}/packages…} and {@code /orgs/{org}/packages…}
 * to listing, reading, deleting and restoring. GitHub has no PATCH or PUT on any packages path: those are 404.
 */
record PackageRoutes(State state, PackageReads reads, PackageDeletion deletion) {

    /** Which package a request names: its owner, whether that owner is an org, and the (decoded) name. */
    record Target(String owner, boolean org, String name) {
    }

    Response route(RestCall call, List<String> path, int packagesAt) {
        String ownerKind = path.get(0);
        String owner;
        boolean org;
        if (ownerKind.equals("user") && packagesAt == 1) {
            owner = call.login();
            org = false;
        } else if (ownerKind.equals("users") && packagesAt == 2) {
            owner = path.get(1);
            org = false;
            if (!state.users.containsKey(owner)) {
                return RestErrors.notFound();
            }
        } else if (ownerKind.equals("orgs") && packagesAt == 2) {
            owner = path.get(1);
            org = true;
            if (!state.orgs.containsKey(owner)) {
                return RestErrors.notFound();
            }
        } else {
            return RestErrors.notFound();
        }
        List<String> rest = path.subList(packagesAt + 1, path.size());
        String method = call.request.method;
        if (rest.isEmpty()) {
            return method.equals("GET") ? reads.listPackages(call, owner) : RestErrors.notFound();
        }
        if (!rest.get(0).equals("container") || rest.size() < 2) {
            return RestErrors.notFound();
        }
        Target target = new Target(owner, org, rest.get(1));
        return withinPackage(call, target, rest.subList(2, rest.size()));
    }

    private Response withinPackage(RestCall call, Target target, List<String> tail) {
        String method = call.request.method;
        if (tail.isEmpty()) {
            return switch (method) {
                case "GET" -> reads.getPackage(call, target);
                case "DELETE" -> deletion.deletePackage(call, target);
                default -> RestErrors.notFound();
            };
        }
        if (tail.size() == 1 && tail.get(0).equals("restore")) {
            return method.equals("POST") ? deletion.restorePackage(call, target) : RestErrors.notFound();
        }
        if (!tail.get(0).equals("versions")) {
            return RestErrors.notFound();
        }
        if (tail.size() == 1) {
            return method.equals("GET") ? reads.listVersions(call, target) : RestErrors.notFound();
        }
        long id;
        try {
            id = Long.parseLong(tail.get(1));
        } catch (NumberFormatException e) {
            return RestErrors.notFound();
        }
        if (tail.size() == 2) {
            return switch (method) {
                case "GET" -> reads.getVersion(call, target, id);
                case "DELETE" -> deletion.deleteVersion(call, target, id);
                default -> RestErrors.notFound();
            };
        }
        if (tail.size() == 3 && tail.get(2).equals("restore") && method.equals("POST")) {
            return deletion.restoreVersion(call, target, id);
        }
        return RestErrors.notFound();
    }
}
