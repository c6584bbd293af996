package dev.ghcrdashboard.simulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** The GitHub REST subset under {@code /api/v3}: users, org memberships, rate limit, and the Packages API. */
final class RestApi {

    private static final String DOCS = "https://docs.github.com/rest";
    private static final String PACKAGES_DOCS = "https://docs.github.com/rest/packages/packages";
    private static final Duration RESTORE_WINDOW = Duration.ofDays(30);
    private static final int DOWNLOAD_LIMIT = 5000;
    private static final String READ = "read:packages";
    private static final String WRITE = "write:packages";
    private static final String DELETE = "delete:packages";
    private static final String READ_ORG = "read:org";

    private final State state;
    private final SimulatorOptions options;
    private final String base;
    private final String api;
    private final Counters counters;
    private final RateLimits limits;
    /** The scopes the endpoint being served accepts, for its X-Accepted-OAuth-Scopes header. */
    private final ThreadLocal<String> acceptedScopes = new ThreadLocal<>();

    RestApi(State state, SimulatorOptions options, String base, Counters counters, RateLimits limits) {
        this.state = state;
        this.options = options;
        this.base = base;
        this.api = base + "/api/v3";
        this.counters = counters;
        this.limits = limits;
    }

    /** Thrown by handlers to answer with a GitHub error object. */
    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Response response;

        Failure(Response response) {
            super(null, null, false, false);
            this.response = response;
        }
    }

    private record Caller(String token, Model.User user, Set<String> scopes) {

        String login() {
            return user.login();
        }

        /** write:packages implies read:packages in GitHub's scope hierarchy. */
        boolean has(String scope) {
            return scopes.contains(scope) || (scope.equals(READ) && scopes.contains(WRITE))
                    || (scope.equals(READ_ORG) && (scopes.contains("admin:org") || scopes.contains("write:org")));
        }
    }

    Response handle(Request request) {
        List<String> path = canonical(request.segments.subList(2, request.segments.size()));
        Caller caller;
        String token = request.bearerOrToken();
        if (token == null) {
            return error(401, "Requires authentication");
        }
        Model.TokenGrant grant = state.tokens.get(token);
        Model.User user = grant == null ? null : state.users.get(grant.login());
        if (user == null) {
            return error(401, "Bad credentials");
        }
        caller = new Caller(token, user, grant.scopes());
        RateLimits.Status before = limits.status(token);
        boolean rateLimitPath = path.size() == 1 && path.get(0).equals("rate_limit");
        if (before.remaining() == 0 && !rateLimitPath) {
            Response limited = error(403, "API rate limit exceeded for user ID " + user.id()
                    + ". If you reach out to GitHub Support for help, please include the request ID.",
                    "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api");
            return finish(request, caller, limited, false);
        }
        long retryAfter = limits.secondaryRetryAfter(token, request.method, endpoint(path));
        if (retryAfter > 0) {
            Response limited = secondaryLimit().setHeader("retry-after", Long.toString(retryAfter));
            return finish(request, caller, limited, false);
        }
        Response response;
        acceptedScopes.set("");
        state.lock.lock();
        try {
            response = route(request, path, caller);
        } catch (Failure failure) {
            response = failure.response;
        } finally {
            state.lock.unlock();
        }
        if (response.firstHeader("X-Accepted-OAuth-Scopes") == null) {
            response.setHeader("X-Accepted-OAuth-Scopes", acceptedScopes.get());
        }
        acceptedScopes.remove();
        return finish(request, caller, response, !rateLimitPath);
    }

    static Response secondaryLimit() {
        return Json.response(403, Json.obj(
                "message", "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. "
                        + "If you reach out to GitHub Support for help, please include the request ID.",
                "documentation_url",
                "https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"));
    }

    // ---- routing -------------------------------------------------------------------------------

    private Response route(Request request, List<String> path, Caller caller) {
        String method = request.method;
        int size = path.size();
        if (size == 0) {
            return notFound();
        }
        int packagesAt = path.indexOf("packages");
        if (packagesAt >= 0 && packagesAt <= 2) {
            return packages(request, path, packagesAt, caller);
        }
        if (!method.equals("GET")) {
            return notFound();
        }
        switch (path.get(0)) {
            case "user":
                if (size == 1) {
                    return ok(privateUser(caller.user()));
                }
                if (size == 2 && path.get(1).equals("orgs")) {
                    return page(request, orgsOf(caller.login()).stream().map(this::orgSimple).toList());
                }
                if (size >= 3 && path.get(1).equals("memberships") && path.get(2).equals("orgs")) {
                    requireScopes(caller, READ_ORG);
                    if (size == 3) {
                        return page(request, orgsOf(caller.login()).stream().map(org -> membership(org, caller.user())).toList());
                    }
                    if (size == 4) {
                        Model.Org org = state.orgs.get(path.get(3));
                        if (org == null || !org.roles().containsKey(caller.login())) {
                            return notFound();
                        }
                        return ok(membership(org, caller.user()));
                    }
                }
                return notFound();
            case "users":
                if (size == 2) {
                    Model.User user = state.users.get(path.get(1));
                    if (user != null) {
                        return ok(publicUser(user.id(), user.login(), user.name(), "User"));
                    }
                    Model.Org org = state.orgs.get(path.get(1));
                    if (org != null) {
                        return ok(publicUser(org.id(), org.login(), null, "Organization"));
                    }
                }
                return notFound();
            case "orgs":
                if (size == 4 && path.get(2).equals("memberships")) {
                    requireScopes(caller, READ_ORG);
                    Model.Org org = state.orgs.get(path.get(1));
                    Model.User member = state.users.get(path.get(3));
                    if (org == null || !org.roles().containsKey(caller.login()) || member == null
                            || !org.roles().containsKey(member.login())) {
                        return notFound();
                    }
                    return ok(membership(org, member));
                }
                if (size == 3 && path.get(2).equals("teams")) {
                    requireScopes(caller, READ_ORG);
                    if (!state.isMember(caller.login(), path.get(1))) {
                        return notFound();
                    }
                    return page(request, List.of());
                }
                return notFound();
            case "rate_limit":
                return size == 1 ? ok(rateLimit(caller.token())) : notFound();
            default:
                return notFound();
        }
    }

    private Response packages(Request request, List<String> path, int packagesAt, Caller caller) {
        String ownerKind = path.get(0);
        String owner;
        boolean org;
        if (ownerKind.equals("user") && packagesAt == 1) {
            owner = caller.login();
            org = false;
        } else if (ownerKind.equals("users") && packagesAt == 2) {
            owner = path.get(1);
            org = false;
            if (!state.users.containsKey(owner)) {
                return notFound();
            }
        } else if (ownerKind.equals("orgs") && packagesAt == 2) {
            owner = path.get(1);
            org = true;
            if (!state.orgs.containsKey(owner)) {
                return notFound();
            }
        } else {
            return notFound();
        }
        List<String> rest = path.subList(packagesAt + 1, path.size());
        String method = request.method;
        if (rest.isEmpty()) {
            return method.equals("GET") ? listPackages(request, owner, caller) : notFound();
        }
        if (!rest.get(0).equals("container") || rest.size() < 2) {
            return notFound();
        }
        String name = rest.get(1);
        List<String> tail = rest.subList(2, rest.size());
        if (tail.isEmpty()) {
            return switch (method) {
                case "GET" -> ok(packageJson(readablePackage(owner, org, name, caller, READ)));
                case "DELETE" -> deletePackage(owner, org, name, caller);
                default -> notFound();
            };
        }
        if (tail.size() == 1 && tail.get(0).equals("restore")) {
            return method.equals("POST") ? restorePackage(owner, org, name, caller) : notFound();
        }
        if (!tail.get(0).equals("versions")) {
            return notFound();
        }
        if (tail.size() == 1) {
            return method.equals("GET") ? listVersions(request, readablePackage(owner, org, name, caller, READ)) : notFound();
        }
        long id;
        try {
            id = Long.parseLong(tail.get(1));
        } catch (NumberFormatException e) {
            return notFound();
        }
        if (tail.size() == 2) {
            return switch (method) {
                case "GET" -> getVersion(readablePackage(owner, org, name, caller, READ), id);
                case "DELETE" -> deleteVersion(owner, org, name, id, caller);
                default -> notFound();
            };
        }
        if (tail.size() == 3 && tail.get(2).equals("restore") && method.equals("POST")) {
            return restoreVersion(owner, org, name, id, caller);
        }
        return notFound();
    }

    private Response listPackages(Request request, String owner, Caller caller) {
        String type = request.query.get("package_type");
        if (type == null || type.isEmpty()) {
            throw new Failure(Response.empty(400));
        }
        requireScopes(caller, READ);
        String visibility = request.query.get("visibility");
        List<Object> items = new ArrayList<>();
        if (type.equals("container")) {
            for (Model.Package pkg : state.packagesOf(owner)) {
                if (state.canRead(caller.login(), pkg) && (visibility == null || visibility.equals(pkg.visibility))) {
                    items.add(packageJson(pkg));
                }
            }
        }
        return page(request, items);
    }

    private Response listVersions(Request request, Model.Package pkg) {
        String stateFilter = request.query.getOrDefault("state", "active");
        if (!stateFilter.equals("active") && !stateFilter.equals("deleted")) {
            throw new Failure(error(400, "state must be active or deleted"));
        }
        List<Model.Version> versions = State.versions(pkg, stateFilter.equals("deleted"));
        // Only the requested page is turned into JSON: building all 10,000 versions of a large package for
        // every page made the simulator, not the client under test, dominate benchmarks.
        List<Object> items = new java.util.AbstractList<>() {
            @Override
            public Object get(int index) {
                return versionJson(pkg, versions.get(index));
            }

            @Override
            public int size() {
                return versions.size();
            }
        };
        return page(request, items);
    }

    private Response getVersion(Model.Package pkg, long id) {
        Model.Version version = pkg.byId.get(id);
        if (version == null || !version.active()) {
            return notFound();
        }
        return ok(versionJson(pkg, version));
    }

    private Response deletePackage(String owner, boolean org, String name, Caller caller) {
        Model.Package pkg = readablePackage(owner, org, name, caller, READ, DELETE);
        requireAdmin(pkg, caller);
        if (tooPopular(pkg, null)) {
            return popular();
        }
        Instant now = state.clock.instant();
        pkg.deletedAt = now;
        pkg.updatedAt = now;
        return Response.empty(204);
    }

    private Response restorePackage(String owner, boolean org, String name, Caller caller) {
        requireScopes(caller, READ, WRITE);
        Model.Package pkg = state.anyPackage(owner, name);
        if (pkg == null || pkg.ownedByOrg != org || pkg.active() || !state.canAdminister(caller.login(), pkg)
                || !withinRestoreWindow(pkg.deletedAt)) {
            return packageNotFound();
        }
        pkg.deletedAt = null;
        pkg.updatedAt = state.clock.instant();
        return Response.empty(204);
    }

    private Response deleteVersion(String owner, boolean org, String name, long id, Caller caller) {
        Model.Package pkg = readablePackage(owner, org, name, caller, READ, DELETE);
        requireAdmin(pkg, caller);
        Model.Version version = pkg.byId.get(id);
        if (version == null || !version.active()) {
            return notFound();
        }
        if (tooPopular(pkg, version)) {
            return popular();
        }
        if (pkg.activeVersionCount() <= 1) {
            return error(400, "You cannot delete the last version of a package. You must delete the package instead.",
                    PACKAGES_DOCS);
        }
        Instant now = state.clock.instant();
        version.deletedAt = now;
        version.updatedAt = now;
        pkg.updatedAt = now;
        return Response.empty(204);
    }

    private Response restoreVersion(String owner, boolean org, String name, long id, Caller caller) {
        Model.Package pkg = readablePackage(owner, org, name, caller, READ, WRITE);
        requireAdmin(pkg, caller);
        Model.Version version = pkg.byId.get(id);
        if (version == null || version.active() || !withinRestoreWindow(version.deletedAt)) {
            return notFound();
        }
        // A tag pushed elsewhere since the delete stays where it is now; the restored version loses it.
        version.tags.removeIf(tag -> pkg.tagged(tag) != null);
        Instant now = state.clock.instant();
        version.deletedAt = null;
        version.updatedAt = now;
        pkg.updatedAt = now;
        return Response.empty(204);
    }

    private boolean withinRestoreWindow(Instant deletedAt) {
        return deletedAt != null && !state.clock.instant().isAfter(deletedAt.plus(RESTORE_WINDOW));
    }

    private static boolean tooPopular(Model.Package pkg, Model.Version version) {
        return pkg.visibility.equals("public")
                && (pkg.downloads > DOWNLOAD_LIMIT || (version != null && version.downloads > DOWNLOAD_LIMIT));
    }

    /**
     * GitHub documents that public packages (and versions) with more than 5,000 downloads cannot be deleted,
     * but not the status it answers with; 400 is this simulator's choice.
     */
    private Response popular() {
        return error(400, "Publicly visible packages with more than 5000 downloads cannot be deleted. "
                + "Contact GitHub Support for further assistance.", PACKAGES_DOCS);
    }

    private Model.Package readablePackage(String owner, boolean org, String name, Caller caller, String... scopes) {
        requireScopes(caller, scopes);
        Model.Package pkg = state.activePackage(owner, name);
        if (pkg == null || pkg.ownedByOrg != org || !state.canRead(caller.login(), pkg)) {
            throw new Failure(packageNotFound());
        }
        return pkg;
    }

    /** GitHub hides packages a caller may not administer behind 404, like those it may not see. */
    private void requireAdmin(Model.Package pkg, Caller caller) {
        if (!state.canAdminister(caller.login(), pkg)) {
            throw new Failure(packageNotFound());
        }
    }

    private void requireScopes(Caller caller, String... scopes) {
        acceptedScopes.set(String.join(", ", scopes));
        List<String> missing = new ArrayList<>();
        for (String scope : scopes) {
            if (!caller.has(scope)) {
                missing.add(scope);
            }
        }
        if (!missing.isEmpty()) {
            Response response = error(403, "Your token has not been granted the required scopes to execute this query. The '"
                    + String.join("', '", missing) + "' scope is required, but your token has only been granted: "
                    + new TreeSet<>(caller.scopes()) + ".", DOCS);
            response.setHeader("X-Accepted-OAuth-Scopes", String.join(", ", scopes));
            throw new Failure(response);
        }
    }

    private List<Model.Org> orgsOf(String login) {
        return state.orgs.values().stream().filter(org -> org.roles().containsKey(login)).toList();
    }

    // ---- paging, conditional requests, headers ---------------------------------------------------

    /**
     * Lists page like GitHub. Their 400 ({@code package_es_list_error}: per_page × page over 10,000, or no
     * package_type) is described without a body in the OpenAPI file, which wins over what github.com sends.
     */
    private Response page(Request request, List<?> items) {
        int perPage = intParam(request, "per_page", 30);
        int page = intParam(request, "page", 1);
        if (perPage < 1) {
            perPage = 30;
        }
        perPage = Math.min(perPage, 100);
        if (page < 1) {
            page = 1;
        }
        if ((long) perPage * page > 10_000) {
            throw new Failure(Response.empty(400));
        }
        int from = Math.min(items.size(), (page - 1) * perPage);
        int to = Math.min(items.size(), from + perPage);
        Response response = ok(items.subList(from, to));
        int last = Math.max(1, (items.size() + perPage - 1) / perPage);
        List<String> links = new ArrayList<>();
        if (page < last) {
            links.add("<" + link(request, page + 1) + ">; rel=\"next\"");
            if (options.linkLast()) {
                links.add("<" + link(request, last) + ">; rel=\"last\"");
            }
        }
        if (page > 1) {
            links.add("<" + link(request, page - 1) + ">; rel=\"prev\"");
            links.add("<" + link(request, 1) + ">; rel=\"first\"");
        }
        if (!links.isEmpty()) {
            response.setHeader("Link", String.join(", ", links));
        }
        return response;
    }

    private static int intParam(Request request, String name, int fallback) {
        try {
            return Integer.parseInt(request.query.getOrDefault(name, Integer.toString(fallback)));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private String link(Request request, int page) {
        String path = request.rawPath;
        if (options.linkByOwnerId()) {
            path = byOwnerId(request);
        }
        StringBuilder query = new StringBuilder();
        boolean replaced = false;
        if (request.rawQuery != null) {
            for (String pair : request.rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                if (query.length() > 0) {
                    query.append('&');
                }
                if (pair.startsWith("page=")) {
                    query.append("page=").append(page);
                    replaced = true;
                } else {
                    query.append(pair);
                }
            }
        }
        if (!replaced) {
            query.append(query.length() > 0 ? "&" : "").append("page=").append(page);
        }
        return base + path + "?" + query;
    }

    /** GitHub's Link URLs often name the owner by id: {@code /organizations/123/…}, {@code /user/45/…}. */
    private String byOwnerId(Request request) {
        List<String> segments = request.segments;
        String raw = request.rawPath;
        String prefix = "/api/v3/";
        String rest = raw.substring(prefix.length());
        if (segments.size() > 3 && segments.get(2).equals("orgs") && state.orgs.containsKey(segments.get(3))) {
            return prefix + "organizations/" + state.orgs.get(segments.get(3)).id() + rest.substring(rest.indexOf('/', 5));
        }
        if (segments.size() > 3 && segments.get(2).equals("users") && state.users.containsKey(segments.get(3))) {
            return prefix + "user/" + state.users.get(segments.get(3)).id() + rest.substring(rest.indexOf('/', 6));
        }
        return raw;
    }

    /** Maps GitHub's id-based Link forms back to the named routes. */
    private List<String> canonical(List<String> path) {
        if (path.size() >= 2 && path.get(0).equals("organizations")) {
            for (Model.Org org : state.orgs.values()) {
                if (Long.toString(org.id()).equals(path.get(1))) {
                    List<String> result = new ArrayList<>(path);
                    result.set(0, "orgs");
                    result.set(1, org.login());
                    return result;
                }
            }
        }
        if (path.size() >= 3 && path.get(0).equals("user") && path.get(1).chars().allMatch(Character::isDigit)) {
            for (Model.User user : state.users.values()) {
                if (Long.toString(user.id()).equals(path.get(1))) {
                    List<String> result = new ArrayList<>(path);
                    result.set(0, "users");
                    result.set(1, user.login());
                    return result;
                }
            }
        }
        return path;
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

    private Response finish(Request request, Caller caller, Response response, boolean chargeable) {
        if (request.method.equals("GET") && response.status == 200) {
            String etag = "W/\"" + HexFormat.of().formatHex(Digests.hash(response.body)).substring(0, 40) + "\"";
            response.setHeader("ETag", etag);
            String ifNoneMatch = request.header("If-None-Match");
            if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
                Response notModified = Response.empty(304);
                response.headers.forEach((name, values) -> {
                    if (!name.equalsIgnoreCase("Content-Type")) {
                        notModified.headers.put(name, values);
                    }
                });
                response = notModified;
            }
        }
        if (response.status == 304) {
            counters.restNotModified.incrementAndGet();
        } else if (chargeable) {
            limits.charge(caller.token());
        }
        RateLimits.Status status = limits.status(caller.token());
        response.setHeader("x-ratelimit-limit", Integer.toString(status.limit()));
        response.setHeader("x-ratelimit-remaining", Long.toString(status.remaining()));
        response.setHeader("x-ratelimit-used", Long.toString(status.used()));
        response.setHeader("x-ratelimit-reset", Long.toString(status.resetEpochSeconds()));
        response.setHeader("x-ratelimit-resource", "core");
        response.setHeader("X-OAuth-Scopes", String.join(", ", new TreeSet<>(caller.scopes())));
        if (response.firstHeader("X-Accepted-OAuth-Scopes") == null) {
            response.setHeader("X-Accepted-OAuth-Scopes", "");
        }
        response.setHeader("X-GitHub-Media-Type", "github.v3; format=json");
        response.setHeader("X-GitHub-Api-Version-Selected", "2022-11-28");
        response.setHeader("X-GitHub-Request-Id", UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT));
        response.setHeader("Vary", "Accept, Authorization, Cookie, X-GitHub-OTP");
        return response;
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        String bare = etag.replace("W/", "");
        for (String candidate : ifNoneMatch.split(",")) {
            String trimmed = candidate.trim();
            if (trimmed.equals("*") || trimmed.replace("W/", "").equals(bare)) {
                return true;
            }
        }
        return false;
    }

    private static Response ok(Object body) {
        return Json.response(200, body);
    }

    static Response error(int status, String message) {
        return error(status, message, DOCS);
    }

    static Response error(int status, String message, String documentation) {
        return Json.response(status, Json.obj("message", message, "documentation_url", documentation, "status",
                Integer.toString(status)));
    }

    private static Response notFound() {
        return error(404, "Not Found");
    }

    private static Response packageNotFound() {
        return error(404, "Package not found.", PACKAGES_DOCS);
    }

    // ---- JSON shapes (components/schemas of packages-openapi.json) ------------------------------

    private Map<String, Object> simpleUser(long id, String login, String type) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("login", login);
        user.put("id", id);
        user.put("node_id", nodeId(type.equals("User") ? "U_" : "O_", id));
        user.put("avatar_url", base + "/avatars/u/" + id + "?v=4");
        user.put("gravatar_id", "");
        user.put("url", api + "/users/" + login);
        user.put("html_url", base + "/" + login);
        user.put("followers_url", api + "/users/" + login + "/followers");
        user.put("following_url", api + "/users/" + login + "/following{/other_user}");
        user.put("gists_url", api + "/users/" + login + "/gists{/gist_id}");
        user.put("starred_url", api + "/users/" + login + "/starred{/owner}{/repo}");
        user.put("subscriptions_url", api + "/users/" + login + "/subscriptions");
        user.put("organizations_url", api + "/users/" + login + "/orgs");
        user.put("repos_url", api + "/users/" + login + "/repos");
        user.put("events_url", api + "/users/" + login + "/events{/privacy}");
        user.put("received_events_url", api + "/users/" + login + "/received_events");
        user.put("type", type);
        user.put("user_view_type", "public");
        user.put("site_admin", false);
        return user;
    }

    private Map<String, Object> ownerJson(Model.Package pkg) {
        if (pkg.ownedByOrg) {
            Model.Org org = state.orgs.get(pkg.owner);
            return simpleUser(org.id(), org.login(), "Organization");
        }
        Model.User user = state.users.get(pkg.owner);
        return simpleUser(user.id(), user.login(), "User");
    }

    private Map<String, Object> publicUser(long id, String login, String name, String type) {
        Map<String, Object> user = simpleUser(id, login, type);
        user.put("name", name);
        user.put("company", null);
        user.put("blog", "");
        user.put("location", null);
        user.put("email", null);
        user.put("hireable", null);
        user.put("bio", null);
        user.put("twitter_username", null);
        user.put("public_repos", 0);
        user.put("public_gists", 0);
        user.put("followers", 0);
        user.put("following", 0);
        user.put("created_at", "2015-01-01T00:00:00Z");
        user.put("updated_at", "2025-01-01T00:00:00Z");
        return user;
    }

    private Map<String, Object> privateUser(Model.User user) {
        Map<String, Object> json = publicUser(user.id(), user.login(), user.name(), "User");
        json.put("user_view_type", "private");
        json.put("email", user.email());
        json.put("private_gists", 0);
        json.put("total_private_repos", 0);
        json.put("owned_private_repos", 0);
        json.put("disk_usage", 0);
        json.put("collaborators", 0);
        json.put("two_factor_authentication", true);
        json.put("plan", Json.obj("name", "free", "space", 976_562_499, "collaborators", 0, "private_repos", 10_000));
        return json;
    }

    private Map<String, Object> orgSimple(Model.Org org) {
        Map<String, Object> json = new LinkedHashMap<>();
        String url = api + "/orgs/" + org.login();
        json.put("login", org.login());
        json.put("id", org.id());
        json.put("node_id", nodeId("O_", org.id()));
        json.put("url", url);
        json.put("repos_url", url + "/repos");
        json.put("events_url", url + "/events");
        json.put("hooks_url", url + "/hooks");
        json.put("issues_url", url + "/issues");
        json.put("members_url", url + "/members{/member}");
        json.put("public_members_url", url + "/public_members{/member}");
        json.put("avatar_url", base + "/avatars/u/" + org.id() + "?v=4");
        json.put("description", org.description());
        return json;
    }

    private Map<String, Object> membership(Model.Org org, Model.User user) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", api + "/orgs/" + org.login() + "/memberships/" + user.login());
        json.put("state", "active");
        json.put("role", org.roles().get(user.login()));
        json.put("organization_url", api + "/orgs/" + org.login());
        json.put("organization", orgSimple(org));
        json.put("user", simpleUser(user.id(), user.login(), "User"));
        json.put("permissions", Json.obj("can_create_repository", true));
        return json;
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

    private String packageApiUrl(Model.Package pkg) {
        return api + (pkg.ownedByOrg ? "/orgs/" : "/users/") + pkg.owner + "/packages/container/" + encode(pkg.name);
    }

    private String packageHtmlUrl(Model.Package pkg) {
        return base + (pkg.ownedByOrg ? "/orgs/" : "/users/") + pkg.owner + "/packages/container/package/" + encode(pkg.name);
    }

    private Map<String, Object> packageJson(Model.Package pkg) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", pkg.id);
        json.put("name", pkg.name);
        json.put("package_type", "container");
        json.put("owner", ownerJson(pkg));
        json.put("version_count", pkg.activeVersionCount());
        json.put("visibility", pkg.visibility);
        json.put("url", packageApiUrl(pkg));
        json.put("created_at", pkg.createdAt.toString());
        json.put("updated_at", pkg.updatedAt.toString());
        if (pkg.repository != null) {
            json.put("repository", repositoryJson(pkg.repository));
        }
        json.put("html_url", packageHtmlUrl(pkg));
        return json;
    }

    private Map<String, Object> versionJson(Model.Package pkg, Model.Version version) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", version.id);
        json.put("name", version.digest());
        json.put("url", packageApiUrl(pkg) + "/versions/" + version.id);
        json.put("package_html_url", packageHtmlUrl(pkg));
        json.put("created_at", version.createdAt.toString());
        json.put("updated_at", version.updatedAt.toString());
        json.put("html_url", base + (pkg.ownedByOrg ? "/orgs/" : "/users/") + pkg.owner + "/packages/container/"
                + encode(pkg.name) + "/" + version.id);
        if (version.deletedAt != null) {
            json.put("deleted_at", version.deletedAt.toString());
        }
        json.put("metadata", Json.obj("package_type", "container", "container", Json.obj("tags", List.copyOf(version.tags))));
        return json;
    }

    private Map<String, Object> repositoryJson(Model.Repo repo) {
        String url = api + "/repos/" + repo.fullName();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", repo.id());
        json.put("node_id", nodeId("R_", repo.id()));
        json.put("name", repo.name());
        json.put("full_name", repo.fullName());
        Model.Org org = state.orgs.get(repo.owner());
        Model.User user = state.users.get(repo.owner());
        if (org != null) {
            json.put("owner", simpleUser(org.id(), org.login(), "Organization"));
        } else if (user != null) {
            json.put("owner", simpleUser(user.id(), user.login(), "User"));
        } else {
            json.put("owner", simpleUser(0, repo.owner(), "User"));
        }
        json.put("private", repo.isPrivate());
        json.put("visibility", repo.isPrivate() ? "private" : "public");
        json.put("html_url", base + "/" + repo.fullName());
        json.put("description", null);
        json.put("fork", false);
        json.put("url", url);
        for (String name : List.of("archive_url:/{archive_format}{/ref}", "assignees_url:/assignees{/user}",
                "blobs_url:/git/blobs{/sha}", "branches_url:/branches{/branch}", "collaborators_url:/collaborators{/collaborator}",
                "comments_url:/comments{/number}", "commits_url:/commits{/sha}", "compare_url:/compare/{base}...{head}",
                "contents_url:/contents/{+path}", "contributors_url:/contributors", "deployments_url:/deployments",
                "downloads_url:/downloads", "events_url:/events", "forks_url:/forks", "git_commits_url:/git/commits{/sha}",
                "git_refs_url:/git/refs{/sha}", "git_tags_url:/git/tags{/sha}", "hooks_url:/hooks",
                "issue_comment_url:/issues/comments{/number}", "issue_events_url:/issues/events{/number}",
                "issues_url:/issues{/number}", "keys_url:/keys{/key_id}", "labels_url:/labels{/name}",
                "languages_url:/languages", "merges_url:/merges", "milestones_url:/milestones{/number}",
                "notifications_url:/notifications{?since,all,participating}", "pulls_url:/pulls{/number}",
                "releases_url:/releases{/id}", "stargazers_url:/stargazers", "statuses_url:/statuses/{sha}",
                "subscribers_url:/subscribers", "subscription_url:/subscription", "tags_url:/tags", "teams_url:/teams",
                "trees_url:/git/trees{/sha}")) {
            int colon = name.indexOf(':');
            json.put(name.substring(0, colon), url + name.substring(colon + 1));
        }
        return json;
    }

    private static String nodeId(String prefix, long id) {
        return prefix + java.util.Base64.getEncoder().withoutPadding()
                .encodeToString(Long.toString(id).getBytes(StandardCharsets.UTF_8));
    }

    static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8);
    }
}
