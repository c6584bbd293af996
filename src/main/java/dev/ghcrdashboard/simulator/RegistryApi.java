package dev.ghcrdashboard.simulator;

import java.util.List;

/**
 * ghcr.io's registry surface: the {@code /token} endpoint and the OCI distribution API under {@code /v2} (read and
 * write). Routes are authorized first ({@link RegistryAuth}), then served under the state lock.
 */
final class RegistryApi {

    private final State state;
    private final RegistryAuth auth;
    private final ManifestEndpoints manifests;
    private final BlobEndpoints blobs;

    RegistryApi(State state, SimulatorOptions options, String base, Counters counters) {
        this.state = state;
        this.auth = new RegistryAuth(state, options, base, counters);
        this.manifests = new ManifestEndpoints(state, counters);
        this.blobs = new BlobEndpoints(state, counters);
    }

    Response token(Request request) {
        return auth.token(request);
    }

    Response v2(Request request) {
        List<String> segments = request.segments.subList(1, request.segments.size());
        if (segments.isEmpty()) {
            return auth.base(request);
        }
        RegistryPath path = RegistryPath.parse(segments);
        if (path == null) {
            return RegistryErrors.nameUnknown();
        }
        Response refused = auth.refusal(request, path.repository(), path.writes(request.method));
        if (refused != null) {
            return refused;
        }
        switch (path.kind()) {
            case REFERRERS:
                return RegistryErrors.errors(404, "NOT_FOUND", "referrers API is not supported");
            case UPLOADS:
                return blobs.start(request, path);
            case UPLOAD:
                return blobs.session(request, path);
            default:
                break;
        }
        state.lock.lock();
        try {
            return serve(request, path);
        } catch (HttpFailure failure) {
            return failure.response;
        } finally {
            state.lock.unlock();
        }
    }

    private Response serve(Request request, RegistryPath path) {
        Model.Package pkg = state.anyPackage(path.owner(), path.name());
        boolean known = pkg != null && pkg.active();
        if (path.kind() == RegistryPath.Kind.MANIFEST) {
            return switch (request.method) {
                case "GET", "HEAD" -> known ? manifests.get(request, pkg, path.reference()) : RegistryErrors.nameUnknown();
                case "PUT" -> manifests.put(request, path);
                default -> RegistryErrors.unsupported();
            };
        }
        if (path.kind() == RegistryPath.Kind.BLOB) {
            // Blobs may be uploaded before the first manifest creates the package, so only a deleted package hides them.
            return pkg != null && !pkg.active() ? RegistryErrors.nameUnknown() : blobs.blob(request, path);
        }
        if (!known) {
            return RegistryErrors.nameUnknown();
        }
        return request.method.equals("GET") ? manifests.tags(request, pkg, path.repository())
                : RegistryErrors.errors(404, "NOT_FOUND", "not found");
    }
}
