package dev.ghcrdashboard.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * The GitHub REST subset under {@code /api/v3}: authenticates the token, applies the primary and secondary rate
 * limits, hands the request to the account or package endpoints under the state lock, and adds GitHub's headers.
 */
final class RestApi {

    private final State state;
    private final RateLimits limits;
    private final OwnerIdPaths ownerIds;
    private final AccountEndpoints accounts;
    private final PackageRoutes packages;
    private final RestHeaders headers;

    RestApi(State state, SimulatorOptions options, String base, Counters counters, RateLimits limits) {
        this.state = state;
        this.limits = limits;
        this.ownerIds = new OwnerIdPaths(state);
        Pagination pagination = new Pagination(options, base, ownerIds);
        AccountJson accountJson = new AccountJson(state, base);
        this.accounts = new AccountEndpoints(state, accountJson, pagination, limits);
        PackageReads reads = new PackageReads(state, new PackageJson(accountJson), pagination);
        this.packages = new PackageRoutes(state, reads, new PackageDeletion(state, reads));
        this.headers = new RestHeaders(counters, limits);
    }

    Response handle(Request request) {
        String token = request.bearerOrToken();
        if (token == null) {
            return RestErrors.error(401, "Requires authentication");
        }
        Model.TokenGrant grant = state.tokens.get(token);
        Model.User user = grant == null ? null : state.users.get(grant.login());
        if (user == null) {
            return RestErrors.error(401, "Bad credentials");
        }
        RestCall call = new RestCall(request, token, user, grant.scopes());
        List<String> path = ownerIds.canonical(request.segments.subList(2, request.segments.size()));
        boolean rateLimitPath = path.size() == 1 && path.get(0).equals("rate_limit");
        if (limits.status(token).remaining() == 0 && !rateLimitPath) {
            return headers.finish(call, RestErrors.rateLimited(user.id()), false);
        }
        long retryAfter = limits.secondaryRetryAfter(token, request.method, endpoint(path));
        if (retryAfter > 0) {
            return headers.finish(call, RestErrors.secondaryLimit().setHeader("retry-after", Long.toString(retryAfter)), false);
        }
        Response response;
        state.lock.lock();
        try {
            response = route(call, path);
        } catch (HttpFailure failure) {
            response = failure.response;
        } finally {
            state.lock.unlock();
        }
        return headers.finish(call, response, !rateLimitPath);
    }

    private Response route(RestCall call, List<String> path) {
        if (path.isEmpty()) {
            return RestErrors.notFound();
        }
        int packagesAt = path.indexOf("packages");
        if (packagesAt >= 0 && packagesAt <= 2) {
            return packages.route(call, path, packagesAt);
        }
        return call.request.method.equals("GET") ? accounts.get(call, path) : RestErrors.notFound();
    }

    /** The endpoint a secondary limit is counted against: the route with its variables blanked. */
    private static String endpoint(List<String> path) {
        List<String> template = new ArrayList<>();
        for (int i = 0; i < path.size(); i++) {
            String segment = path.get(i);
            String previous = i == 0 ? "" : path.get(i - 1);
            if (previous.equals("orgs") || previous.equals("users") || previous.equals("container")
                    || previous.equals("memberships") || segment.chars().allMatch(Character::isDigit)) {
                template.add("{}");
            } else {
                template.add(segment);
            }
        }
        return "/" + String.join("/", template);
    }
}
