package dev.ghcrdashboard.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** ghcr.io's registry surface: the {@code /token} endpoint and the OCI distribution read API under {@code /v2}. */
final class RegistryApi {

    private record Grant(String subject, String repository, List<String> actions) {
    }

    private final State state;
    private final SimulatorOptions options;
    private final String base;
    private final Counters counters;
    private final Map<String, Grant> issued = new ConcurrentHashMap<>();

    RegistryApi(State state, SimulatorOptions options, String base, Counters counters) {
        this.state = state;
        this.options = options;
        this.base = base;
        this.counters = counters;
    }

    Response token(Request request) {
        counters.registryTokens.incrementAndGet();
        String scope = request.query.get("scope");
        String subject = "";
        String[] basic = request.basic();
        if (basic != null) {
            // Like ghcr.io, the username is not checked: the token alone identifies the user.
            Model.TokenGrant grant = state.tokens.get(basic[1]);
            if (grant == null) {
                return errors(401, "UNAUTHORIZED", "authentication required");
            }
            if (!grant.scopes().contains("read:packages") && !grant.scopes().contains("write:packages")) {
                return errors(403, "DENIED", "requested access to the resource is denied");
            }
            subject = grant.login();
        }
        if (scope == null || scope.isBlank()) {
            // A bare token request (docker login) proves the credentials and grants nothing.
            return tokenResponse(subject, "", List.of());
        }
        String[] parts = scope.split(":");
        if (parts.length != 3 || !parts[0].equals("repository")) {
            return errors(400, "UNSUPPORTED", "unsupported scope " + scope);
        }
        String repository = parts[1];
        boolean allowed;
        state.lock.lock();
        try {
            Model.Package pkg = findPackage(repository);
            allowed = pkg != null && (subject.isEmpty() ? pkg.visibility.equals("public") : state.canRead(subject, pkg));
        } finally {
            state.lock.unlock();
        }
        if (!allowed) {
            // ghcr answers anonymous requests for private (or missing) packages like missing credentials.
            return subject.isEmpty() ? errors(401, "UNAUTHORIZED", "authentication required")
                    .setHeader("WWW-Authenticate", challenge(repository))
                    : errors(403, "DENIED", "requested access to the resource is denied");
        }
        return tokenResponse(subject, repository, List.of("pull"));
    }

    private Response tokenResponse(String subject, String repository, List<String> actions) {
        String token = options.tokenIssuer().issue(subject, repository, actions);
        issued.put(token, new Grant(subject, repository, actions));
        return Json.response(200, Json.obj("token", token, "access_token", token, "expires_in", 300,
                "issued_at", state.clock.instant().toString()));
    }

    Response v2(Request request) {
        List<String> path = request.segments.subList(1, request.segments.size());
        String bearer = request.bearerOrToken();
        Grant grant = bearer == null ? null : issued.get(bearer);
        if (path.isEmpty()) {
            if (grant == null) {
                return errors(401, "UNAUTHORIZED", "authentication required")
                        .setHeader("WWW-Authenticate", "Bearer realm=\"" + base + "/token\",service=\"" + options.registryService() + "\"");
            }
            return Json.response(200, Map.of());
        }
        int marker = -1;
        for (int i = path.size() - 1; i >= 1; i--) {
            String segment = path.get(i);
            if (segment.equals("manifests") || segment.equals("blobs") || segment.equals("referrers")
                    || (segment.equals("tags") && i == path.size() - 2)) {
                marker = i;
                break;
            }
        }
        if (marker < 2) {
            return errors(404, "NAME_UNKNOWN", "repository name not known to registry");
        }
        String repository = String.join("/", path.subList(0, marker));
        if (grant == null || !grant.repository().equals(repository) || !grant.actions().contains("pull")) {
            return errors(401, "UNAUTHORIZED", "authentication required").setHeader("WWW-Authenticate", challenge(repository));
        }
        String kind = path.get(marker);
        List<String> rest = path.subList(marker + 1, path.size());
        if (kind.equals("referrers")) {
            return errors(404, "NOT_FOUND", "referrers API is not supported");
        }
        state.lock.lock();
        try {
            Model.Package pkg = findPackage(repository);
            if (pkg == null || !pkg.active()) {
                return errors(404, "NAME_UNKNOWN", "repository name not known to registry");
            }
            if (kind.equals("tags") && rest.size() == 1 && rest.get(0).equals("list") && request.method.equals("GET")) {
                return tags(request, pkg, repository);
            }
            if (kind.equals("manifests") && rest.size() == 1) {
                return switch (request.method) {
                    case "GET", "HEAD" -> manifest(request, pkg, rest.get(0));
                    case "DELETE" -> errors(405, "UNSUPPORTED", "The operation is unsupported.");
                    default -> errors(405, "UNSUPPORTED", "The operation is unsupported.");
                };
            }
            if (kind.equals("blobs") && rest.size() == 1) {
                if (!request.method.equals("GET") && !request.method.equals("HEAD")) {
                    return errors(405, "UNSUPPORTED", "The operation is unsupported.");
                }
                return blob(request, rest.get(0));
            }
            return errors(404, "NOT_FOUND", "not found");
        } finally {
            state.lock.unlock();
        }
    }

    private Response manifest(Request request, Model.Package pkg, String reference) {
        Model.Version version;
        boolean byDigest = reference.startsWith("sha256:");
        if (byDigest) {
            version = pkg.byDigest.get(reference);
            if (version != null && !version.active()) {
                version = null;
            }
        } else {
            version = pkg.tagged(reference);
        }
        if (version == null) {
            return errors(404, "MANIFEST_UNKNOWN", "manifest unknown");
        }
        Model.Manifest manifest = version.manifest;
        String accept = String.join(",", request.headers.getOrDefault("Accept", List.of()));
        if (!byDigest && isIndex(manifest.mediaType()) && !accept.contains(ImageFactory.OCI_INDEX)
                && !accept.contains("application/vnd.docker.distribution.manifest.list.v2+json")) {
            // Like distribution (and ghcr.io): an index asked for by tag without an index type in Accept is unknown.
            return errors(404, "MANIFEST_UNKNOWN", "OCI index found, but accept header does not support OCI indexes");
        }
        Response response;
        if (request.method.equals("HEAD")) {
            counters.manifestHead(manifest.digest());
            response = Response.empty(200).setHeader("Content-Length", Long.toString(manifest.size()));
        } else {
            counters.manifestGet(manifest.digest());
            version.downloads++;
            pkg.downloads++;
            response = new Response(200, manifest.bytes());
        }
        return response.setHeader("Content-Type", manifest.mediaType())
                .setHeader("Docker-Content-Digest", manifest.digest())
                .setHeader("Docker-Distribution-API-Version", "registry/2.0")
                .setHeader("ETag", "\"" + manifest.digest() + "\"");
    }

    private Response blob(Request request, String digest) {
        byte[] bytes = state.blobs.get(digest);
        if (bytes == null) {
            return errors(404, "BLOB_UNKNOWN", "blob unknown to registry");
        }
        if (request.method.equals("HEAD")) {
            return Response.empty(200).setHeader("Content-Length", Integer.toString(bytes.length))
                    .setHeader("Content-Type", "application/octet-stream").setHeader("Docker-Content-Digest", digest);
        }
        counters.blobGets.incrementAndGet();
        return Response.bytes(200, "application/octet-stream", bytes).setHeader("Docker-Content-Digest", digest);
    }

    private Response tags(Request request, Model.Package pkg, String repository) {
        List<String> tags = new ArrayList<>(pkg.activeTags().keySet());
        tags.sort(null);
        String last = request.query.get("last");
        if (last != null) {
            tags.removeIf(tag -> tag.compareTo(last) <= 0);
        }
        Response response;
        String n = request.query.get("n");
        List<String> page = tags;
        if (n != null) {
            int size;
            try {
                size = Integer.parseInt(n);
            } catch (NumberFormatException e) {
                return errors(400, "PAGINATION_NUMBER_INVALID", "invalid number of results requested");
            }
            page = tags.subList(0, Math.min(Math.max(size, 0), tags.size()));
            response = Json.response(200, Json.obj("name", repository, "tags", page));
            if (page.size() < tags.size() && !page.isEmpty()) {
                response.setHeader("Link", "</v2/" + repository + "/tags/list?n=" + size + "&last="
                        + WebUrls.encode(page.get(page.size() - 1)) + ">; rel=\"next\"");
            }
            return response;
        }
        return Json.response(200, Json.obj("name", repository, "tags", page));
    }

    /** {@code owner/name} of a registry path; nested names stay raw ({@code acme/tools/cli}). */
    private Model.Package findPackage(String repository) {
        int slash = repository.indexOf('/');
        if (slash < 0) {
            return null;
        }
        return state.packages.get(State.key(repository.substring(0, slash), repository.substring(slash + 1)));
    }

    private String challenge(String repository) {
        return "Bearer realm=\"" + base + "/token\",service=\"" + options.registryService() + "\",scope=\"repository:"
                + repository + ":pull\"";
    }

    private static boolean isIndex(String mediaType) {
        return mediaType.equals(ImageFactory.OCI_INDEX) || mediaType.equals("application/vnd.docker.distribution.manifest.list.v2+json");
    }

    static Response errors(int status, String code, String message) {
        return Json.response(status, Map.of("errors", List.of(Json.obj("code", code, "message", message, "detail", null))));
    }
}
