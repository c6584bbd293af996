package dev.ghcrdashboard.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * Manifests and tags in the registry: {@code GET|HEAD|PUT /v2/NAME/manifests/REF} (DELETE is 405, as on ghcr) and
 * {@code GET /v2/NAME/tags/list}. Every manifest GET is a download on GitHub's counters; a PUT makes a package version.
 */
record ManifestEndpoints(State state, Counters counters) {

    Response get(Request request, Model.Package pkg, String reference) {
        boolean byDigest = reference.startsWith("sha256:");
        Model.Version version = byDigest ? pkg.activeVersion(reference) : pkg.tagged(reference);
        if (version == null) {
            return RegistryErrors.errors(404, "MANIFEST_UNKNOWN", "manifest unknown");
        }
        Model.Manifest manifest = version.manifest;
        String accept = String.join(",", request.headers.getOrDefault("Accept", List.of()));
        if (!byDigest && PushedManifest.INDEX_TYPES.contains(manifest.mediaType()) && !accept.contains(ImageFactory.Format.OCI.index())
                && !accept.contains(ImageFactory.Format.DOCKER.index())) {
            // Like distribution (and ghcr.io): an index asked for by tag without an index type in Accept is unknown.
            return RegistryErrors.errors(404, "MANIFEST_UNKNOWN", "OCI index found, but accept header does not support OCI indexes");
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

    /**
     * Pushes a manifest by tag or digest. It must be valid ({@code MANIFEST_INVALID}), match the digest it is put under
     * ({@code DIGEST_INVALID}) and reference only blobs and manifests this repository holds ({@code MANIFEST_BLOB_UNKNOWN}).
     * A new digest becomes a new version; a known one is only (re)tagged. A {@code subject} is not required to exist and
     * no {@code OCI-Subject} header is answered: ghcr has no referrers API, so clients keep the tag schema themselves.
     */
    Response put(Request request, RegistryPath path) {
        String reference = path.reference();
        boolean byDigest = reference.contains(":");
        if (byDigest && !RegistryErrors.DIGEST.matcher(reference).matches()) {
            throw RegistryErrors.digestInvalid("unsupported or malformed digest (sha256 only)", reference);
        }
        if (!byDigest && !RegistryErrors.TAG.matcher(reference).matches()) {
            return RegistryErrors.errors(400, "TAG_INVALID", "manifest tag did not match URI", reference);
        }
        Model.Manifest manifest = PushedManifest.read(request.header("Content-Type"), request.body);
        if (byDigest && !manifest.digest().equals(reference)) {
            throw RegistryErrors.digestInvalid("provided digest did not match uploaded content", reference);
        }
        Model.Package pkg = state.activePackage(path.owner(), path.name());
        for (String blob : manifest.blobs()) {
            if (!state.holdsBlob(path.repository(), blob)) {
                return blobUnknown(blob);
            }
        }
        for (String child : manifest.children()) {
            if (pkg == null || pkg.activeVersion(child) == null) {
                return blobUnknown(child);
            }
        }
        state.pushManifest(path.owner(), path.name(), manifest, byDigest ? null : reference);
        return Response.empty(201)
                .setHeader("Location", "/v2/" + path.repository() + "/manifests/" + manifest.digest())
                .setHeader("Docker-Content-Digest", manifest.digest());
    }

    private static Response blobUnknown(String digest) {
        return RegistryErrors.errors(400, "MANIFEST_BLOB_UNKNOWN", "blob unknown to registry", digest);
    }

    Response tags(Request request, Model.Package pkg, String repository) {
        List<String> tags = new ArrayList<>(pkg.activeTags().keySet());
        tags.sort(null);
        String last = request.query.get("last");
        if (last != null) {
            tags.removeIf(tag -> tag.compareTo(last) <= 0);
        }
        String n = request.query.get("n");
        if (n == null) {
            return Json.response(200, Json.obj("name", repository, "tags", tags));
        }
        int size;
        try {
            size = Integer.parseInt(n);
        } catch (NumberFormatException e) {
            return RegistryErrors.errors(400, "PAGINATION_NUMBER_INVALID", "invalid number of results requested");
        }
        List<String> page = tags.subList(0, Math.min(Math.max(size, 0), tags.size()));
        Response response = Json.response(200, Json.obj("name", repository, "tags", page));
        if (page.size() < tags.size() && !page.isEmpty()) {
            response.setHeader("Link", "</v2/" + repository + "/tags/list?n=" + size + "&last="
                    + WebUrls.encode(page.get(page.size() - 1)) + ">; rel=\"next\"");
        }
        return response;
    }
}
