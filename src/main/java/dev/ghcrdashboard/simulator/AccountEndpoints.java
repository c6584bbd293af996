package dev.ghcrdashboard.simulator;

import java.util.List;
import java.util.Map;

/**
 * The account side of the REST API: {@code /user}, {@code /users/{u}}, {@code /user/orgs},
 * {@code /user/memberships/orgs[/{org}]}, {@code /orgs/{org}/memberships/{u}}, {@code /orgs/{org}/teams} and
 * {@code /rate_limit}. All are GETs.
 */
record AccountEndpoints(State state, AccountJson json, Pagination pagination, RateLimits limits) {

    Response get(RestCall call, List<String> path) {
        return switch (path.get(0)) {
            case "user" -> signedInUser(call, path);
            case "users" -> path.size() == 2 ? anyAccount(path.get(1)) : RestErrors.notFound();
            case "orgs" -> org(call, path);
            case "rate_limit" -> path.size() == 1 ? Json.response(200, rateLimit(call.token)) : RestErrors.notFound();
            default -> RestErrors.notFound();
        };
    }

    private Response signedInUser(RestCall call, List<String> path) {
        int size = path.size();
        if (size == 1) {
            return Json.response(200, json.privateUser(call.user));
        }
        if (size == 2 && path.get(1).equals("orgs")) {
            return pagination.page(call.request, orgsOf(call.login()).stream().map(json::orgSimple).toList());
        }
        if (size >= 3 && path.get(1).equals("memberships") && path.get(2).equals("orgs")) {
            call.requireScopes(Scopes.READ_ORG);
            if (size == 3) {
                return pagination.page(call.request, orgsOf(call.login()).stream().map(org -> json.membership(org, call.user)).toList());
            }
            if (size == 4) {
                Model.Org org = state.orgs.get(path.get(3));
                if (org == null || !org.roles().containsKey(call.login())) {
                    return RestErrors.notFound();
                }
                return Json.response(200, json.membership(org, call.user));
            }
        }
        return RestErrors.notFound();
    }

    /** Logins compare case-insensitively on GitHub; the answer spells the login as the account does (docs/ghcr-platform.md §2.8). */
    private Response anyAccount(String login) {
        for (Model.User user : state.users.values()) {
            if (user.login().equalsIgnoreCase(login)) {
                return Json.response(200, json.publicUser(user.id(), user.login(), user.name(), "User"));
            }
        }
        for (Model.Org org : state.orgs.values()) {
            if (org.login().equalsIgnoreCase(login)) {
                return Json.response(200, json.publicUser(org.id(), org.login(), null, "Organization"));
            }
        }
        return RestErrors.notFound();
    }

    private Response org(RestCall call, List<String> path) {
        if (path.size() == 4 && path.get(2).equals("memberships")) {
            call.requireScopes(Scopes.READ_ORG);
            Model.Org org = state.orgs.get(path.get(1));
            Model.User member = state.users.get(path.get(3));
            if (org == null || !org.roles().containsKey(call.login()) || member == null
                    || !org.roles().containsKey(member.login())) {
                return RestErrors.notFound();
            }
            return Json.response(200, json.membership(org, member));
        }
        if (path.size() == 3 && path.get(2).equals("teams")) {
            call.requireScopes(Scopes.READ_ORG);
            if (!state.isMember(call.login(), path.get(1))) {
                return RestErrors.notFound();
            }
            Model.Org org = state.orgs.get(path.get(1));
            return pagination.page(call.request, org.teams().keySet().stream().map(slug -> json.team(org, slug)).toList());
        }
        if (path.size() == 6 && path.get(2).equals("teams") && path.get(4).equals("memberships")) {
            // GET /orgs/{org}/teams/{team_slug}/memberships/{username} (docs/ghcr-platform.md, assumptions)
            call.requireScopes(Scopes.READ_ORG);
            Model.Org org = state.orgs.get(path.get(1));
            List<String> members = org == null ? null : org.teams().get(path.get(3));
            if (members == null || !state.isMember(call.login(), org.login()) || !members.contains(path.get(5))) {
                return RestErrors.notFound();
            }
            return Json.response(200, json.teamMembership(org, path.get(3), path.get(5)));
        }
        return RestErrors.notFound();
    }

    private List<Model.Org> orgsOf(String login) {
        return state.orgs.values().stream().filter(org -> org.roles().containsKey(login)).toList();
    }

    private Map<String, Object> rateLimit(String token) {
        RateLimits.Status status = limits.status(token);
        Map<String, Object> core = Json.obj("limit", status.limit(), "remaining", status.remaining(), "reset",
                status.resetEpochSeconds(), "used", status.used());
        long reset = state.clock.instant().getEpochSecond() + 60;
        Map<String, Object> search = Json.obj("limit", 30, "remaining", 30, "reset", reset, "used", 0);
        Map<String, Object> graphql = Json.obj("limit", 5000, "remaining", 5000, "reset", reset + 3540, "used", 0);
        return Json.obj("resources", Json.obj("core", core, "search", search, "graphql", graphql), "rate", core);
    }
}
