package dev.ghcrdashboard.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ghcr.io's token endpoint ({@code /token}, the distribution token protocol) and the checks every {@code /v2} request
 * passes: a bearer token that has not expired and grants the action the route needs.
 *
 * <p>A token grants, per requested {@code repository:NAME:ACTIONS} scope, the requested actions the caller may take
 * (the intersection, as the distribution token spec describes): {@code pull} to whoever may read the package
 * (anyone for a public one), {@code push} only to a signed-in user whose OAuth token has {@code write:packages} and
 * who may write the package, or create it when the name is new. A push asked for and refused is remembered with
 * ghcr's reason, and a write made with that token is refused with it (403 {@code DENIED}); a write with a token that
 * simply lacks {@code push} gets the 401 challenge naming {@code pull,push}, so the client asks for it.
 */
final class RegistryAuth {

    /** How long a registry token lives; the answer says so in {@code expires_in}. */
    static final Duration TOKEN_LIFETIME = Duration.ofSeconds(300);
    private static final String PUSH_SCOPE_MISSING = "permission_denied: The token provided does not match expected scopes.";
    private static final String WRITE_DENIED = "permission_denied: write_package";

    /** What one issued token allows, per repository, until when, and why push was refused where it was asked for. */
    private record Grant(String subject, Map<String, Set<String>> actions, Map<String, String> pushRefusals, Instant expires) {
    }

    private final State state;
    private final SimulatorOptions options;
    private final String base;
    private final Counters counters;
    private final Map<String, Grant> issued = new ConcurrentHashMap<>();

    RegistryAuth(State state, SimulatorOptions options, String base, Counters counters) {
        this.state = state;
        this.options = options;
        this.base = base;
        this.counters = counters;
    }

    Response token(Request request) {
        counters.registryTokens.incrementAndGet();
        String subject = "";
        Set<String> oauthScopes = Set.of();
        String[] basic = request.basic();
        if (basic != null) {
            // Like ghcr.io, the username is not checked: the token alone identifies the user.
            Model.TokenGrant grant = state.tokens.get(basic[1]);
            if (grant == null) {
                return RegistryErrors.errors(401, "UNAUTHORIZED", "authentication required");
            }
            if (!Scopes.grants(grant.scopes(), Scopes.READ_PACKAGES)) {
                return RegistryErrors.errors(403, "DENIED", "requested access to the resource is denied");
            }
            subject = grant.login();
            oauthScopes = grant.scopes();
        }
        List<String> scopes = new ArrayList<>();
        for (String value : request.queryValues("scope")) {
            for (String scope : value.trim().split("\\s+")) {
                if (!scope.isEmpty()) {
                    scopes.add(scope);
                }
            }
        }
        if (scopes.isEmpty()) {
            // A bare token request (docker login) proves the credentials and grants nothing.
            return issue(subject, Map.of(), Map.of());
        }
        Map<String, Set<String>> granted = new LinkedHashMap<>();
        Map<String, String> refusals = new LinkedHashMap<>();
        state.lock.lock();
        try {
            for (String scope : scopes) {
                int first = scope.indexOf(':');
                int last = scope.lastIndexOf(':');
                if (first < 0 || last <= first + 1 || !scope.substring(0, first).equals("repository")) {
                    return RegistryErrors.errors(400, "UNSUPPORTED", "unsupported scope " + scope);
                }
                String repository = scope.substring(first + 1, last);
                Set<String> allowed = allowed(subject, oauthScopes, repository, Set.of(scope.substring(last + 1).split(",")), refusals);
                if (!allowed.isEmpty()) {
                    granted.computeIfAbsent(repository, key -> new LinkedHashSet<>()).addAll(allowed);
                }
            }
        } finally {
            state.lock.unlock();
        }
        if (granted.isEmpty()) {
            String repository = scopes.get(0).substring(scopes.get(0).indexOf(':') + 1, scopes.get(0).lastIndexOf(':'));
            // ghcr answers anonymous requests for private (or missing) packages like missing credentials.
            return subject.isEmpty()
                    ? RegistryErrors.errors(401, "UNAUTHORIZED", "authentication required")
                            .setHeader("WWW-Authenticate", challenge(repository, "pull", null))
                    : RegistryErrors.errors(403, "DENIED", refusals.isEmpty() ? "requested access to the resource is denied"
                            : refusals.values().iterator().next());
        }
        return issue(subject, granted, refusals);
    }

    /** The requested actions on one repository that the caller may take; a refused push is noted with its reason. */
    private Set<String> allowed(String subject, Set<String> oauthScopes, String repository, Set<String> requested,
            Map<String, String> refusals) {
        int slash = repository.indexOf('/');
        Model.Package pkg = slash < 0 ? null : state.anyPackage(repository.substring(0, slash), repository.substring(slash + 1));
        Set<String> allowed = new LinkedHashSet<>();
        boolean push = false;
        if (requested.contains("push") && !subject.isEmpty()) {
            // Pushing to the name of a deleted package creates a new package (GitHub frees the name).
            boolean mayWrite = pkg != null && pkg.active() ? state.canWrite(subject, pkg)
                    : slash > 0 && state.canCreatePackage(subject, repository.substring(0, slash));
            if (!Scopes.grants(oauthScopes, Scopes.WRITE_PACKAGES)) {
                refusals.put(repository, PUSH_SCOPE_MISSING);
            } else if (!mayWrite) {
                refusals.put(repository, WRITE_DENIED);
            } else {
                push = true;
            }
        }
        // Whoever may push may read what they push, also into a package that does not exist yet.
        if (requested.contains("pull") && (push || (pkg != null && state.canRead(subject, pkg)))) {
            allowed.add("pull");
        }
        if (push) {
            allowed.add("push");
        }
        return allowed;
    }

    private Response issue(String subject, Map<String, Set<String>> granted, Map<String, String> refusals) {
        Instant now = state.clock.instant();
        // The issuer mints one token for one repository: the first granted scope's (the one pushed to, for a mount).
        Map.Entry<String, Set<String>> first = granted.isEmpty() ? null : granted.entrySet().iterator().next();
        String token = options.tokenIssuer().issue(subject, first == null ? "" : first.getKey(),
                first == null ? List.of() : List.copyOf(first.getValue()));
        forgetExpired(now);
        issued.put(token, new Grant(subject, Map.copyOf(granted), Map.copyOf(refusals), now.plus(TOKEN_LIFETIME)));
        return Json.response(200, Json.obj("token", token, "access_token", token, "expires_in", TOKEN_LIFETIME.toSeconds(),
                "issued_at", now.toString()));
    }

    private void forgetExpired(Instant now) {
        if (issued.size() > 10_000) {
            issued.values().removeIf(grant -> !now.isBefore(grant.expires()));
        }
    }

    /** {@code GET /v2/}: 200 with any live token, else the challenge without a scope. */
    Response base(Request request) {
        String bearer = request.bearerOrToken();
        Grant grant = bearer == null ? null : issued.get(bearer);
        if (grant == null || !state.clock.instant().isBefore(grant.expires())) {
            return RegistryErrors.errors(401, "UNAUTHORIZED", "authentication required")
                    .setHeader("WWW-Authenticate", "Bearer realm=\"" + base + "/token\",service=\"" + options.registryService() + "\"");
        }
        return Json.response(200, Map.of());
    }

    /**
     * Null when the request's bearer token may take the route's action on {@code repository}; otherwise the answer:
     * 401 with a challenge (no token, an expired one, or one without the action), or 403 when push was refused.
     */
    Response refusal(Request request, String repository, boolean write) {
        String needed = write ? "pull,push" : "pull";
        String bearer = request.bearerOrToken();
        Grant grant = bearer == null ? null : issued.get(bearer);
        if (grant == null) {
            return unauthorized(repository, needed, null);
        }
        if (!state.clock.instant().isBefore(grant.expires())) {
            issued.remove(bearer);
            return unauthorized(repository, needed, "invalid_token");
        }
        if (grant.actions().getOrDefault(repository, Set.of()).contains(write ? "push" : "pull")) {
            return null;
        }
        String refused = grant.pushRefusals().get(repository);
        if (write && refused != null) {
            return RegistryErrors.errors(403, "DENIED", refused);
        }
        return unauthorized(repository, needed, "insufficient_scope");
    }

    private Response unauthorized(String repository, String actions, String error) {
        return RegistryErrors.errors(401, "UNAUTHORIZED", "authentication required")
                .setHeader("WWW-Authenticate", challenge(repository, actions, error));
    }

    /** {@code Bearer realm,service,scope[,error]}: the scope value holds a comma when it names {@code pull,push}. */
    private String challenge(String repository, String actions, String error) {
        return "Bearer realm=\"" + base + "/token\",service=\"" + options.registryService() + "\",scope=\"repository:"
                + repository + ":" + actions + "\"" + (error == null ? "" : ",error=\"" + error + "\"");
    }
}
