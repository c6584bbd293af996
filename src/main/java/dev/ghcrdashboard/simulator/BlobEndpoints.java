package dev.ghcrdashboard.simulator;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blobs in the registry: {@code GET|HEAD /v2/NAME/blobs/DIGEST} for blobs this repository holds, and uploads as the
 * OCI distribution spec describes them: {@code POST …/blobs/uploads/} opens a session (202, {@code Location},
 * {@code Docker-Upload-UUID}), {@code PATCH} appends a chunk ({@code Content-Range} optional, answered with
 * {@code Range}), {@code PUT …?digest=} closes it (with or without a last chunk) after checking the digest,
 * {@code GET} reports progress and {@code DELETE} cancels.
 *
 * <p>A cross-repository mount ({@code POST …/blobs/uploads/?mount=DIGEST&from=REPO}) is answered with an ordinary
 * upload session (202), the spec's answer for a registry that does not mount: what ghcr.io does is not documented.
 * A single-request upload ({@code POST …?digest=} with the blob as body) is likewise answered with a session.
 */
final class BlobEndpoints {

    private static final Pattern CONTENT_RANGE = Pattern.compile("(?:bytes )?(\\d+)-(\\d+)(?:/\\d+|/\\*)?");

    /** An upload in progress, for one repository. */
    private static final class Upload {
        final String repository;
        final ByteArrayOutputStream data = new ByteArrayOutputStream();

        Upload(String repository) {
            this.repository = repository;
        }
    }

    private final State state;
    private final Counters counters;
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();

    BlobEndpoints(State state, Counters counters) {
        this.state = state;
        this.counters = counters;
    }

    Response blob(Request request, RegistryPath path) {
        if (!request.method.equals("GET") && !request.method.equals("HEAD")) {
            return RegistryErrors.unsupported();
        }
        String digest = path.reference();
        if (!state.holdsBlob(path.repository(), digest)) {
            return RegistryErrors.errors(404, "BLOB_UNKNOWN", "blob unknown to registry", digest);
        }
        byte[] bytes = state.blobs.get(digest);
        if (request.method.equals("HEAD")) {
            return Response.empty(200).setHeader("Content-Length", Integer.toString(bytes.length))
                    .setHeader("Content-Type", "application/octet-stream").setHeader("Docker-Content-Digest", digest);
        }
        counters.blobGets.incrementAndGet();
        return Response.bytes(200, "application/octet-stream", bytes).setHeader("Docker-Content-Digest", digest);
    }

    /** {@code POST /v2/NAME/blobs/uploads/}: a new session, whatever {@code mount}, {@code from} or {@code digest} say. */
    Response start(Request request, RegistryPath path) {
        if (!request.method.equals("POST")) {
            return RegistryErrors.unsupported();
        }
        String id = UUID.randomUUID().toString();
        Upload upload = new Upload(path.repository());
        uploads.put(id, upload);
        return progress(202, id, upload);
    }

    /** {@code GET|PATCH|PUT|DELETE /v2/NAME/blobs/uploads/ID}. */
    Response session(Request request, RegistryPath path) {
        String id = path.reference();
        Upload upload = uploads.get(id);
        if (upload == null || !upload.repository.equals(path.repository())) {
            return RegistryErrors.errors(404, "BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry", id);
        }
        synchronized (upload) {
            return switch (request.method) {
                case "GET" -> progress(204, id, upload);
                case "PATCH" -> append(request, id, upload);
                case "PUT" -> complete(request, id, upload);
                case "DELETE" -> {
                    uploads.remove(id);
                    yield Response.empty(204);
                }
                default -> RegistryErrors.unsupported();
            };
        }
    }

    private Response append(Request request, String id, Upload upload) {
        String range = request.header("Content-Range");
        if (range != null) {
            Matcher matcher = CONTENT_RANGE.matcher(range.trim());
            long size = upload.data.size();
            if (!matcher.matches() || Long.parseLong(matcher.group(1)) != size
                    || Long.parseLong(matcher.group(2)) != size + request.body.length - 1) {
                // A chunk must start where the upload stands and be as long as it says.
                return RegistryErrors.errors(416, "BLOB_UPLOAD_INVALID", "chunk out of order or of the wrong length", range)
                        .setHeader("Location", location(upload, id)).setHeader("Range", range(upload))
                        .setHeader("Docker-Upload-UUID", id);
            }
        }
        upload.data.writeBytes(request.body);
        return progress(202, id, upload);
    }

    /** Closes the upload; on a wrong or missing digest nothing is stored and the session stays as it was. */
    private Response complete(Request request, String id, Upload upload) {
        String digest = request.query.get("digest");
        if (digest == null || !RegistryErrors.DIGEST.matcher(digest).matches()) {
            return RegistryErrors.errors(400, "DIGEST_INVALID", "a sha256 digest is required to finish an upload", digest);
        }
        ByteArrayOutputStream candidate = new ByteArrayOutputStream(upload.data.size() + request.body.length);
        candidate.writeBytes(upload.data.toByteArray());
        candidate.writeBytes(request.body);
        byte[] bytes = candidate.toByteArray();
        if (!Digests.sha256(bytes).equals(digest)) {
            return RegistryErrors.errors(400, "DIGEST_INVALID", "provided digest did not match uploaded content", digest);
        }
        state.lock.lock();
        try {
            state.storeBlob(upload.repository, digest, bytes);
        } finally {
            state.lock.unlock();
        }
        uploads.remove(id);
        return Response.empty(201).setHeader("Location", "/v2/" + upload.repository + "/blobs/" + digest)
                .setHeader("Docker-Content-Digest", digest);
    }

    private static Response progress(int status, String id, Upload upload) {
        return Response.empty(status).setHeader("Location", location(upload, id)).setHeader("Range", range(upload))
                .setHeader("Docker-Upload-UUID", id);
    }

    private static String location(Upload upload, String id) {
        return "/v2/" + upload.repository + "/blobs/uploads/" + id;
    }

    /** Inclusive byte range received so far; distribution writes {@code 0-0} for an empty upload too. */
    private static String range(Upload upload) {
        return "0-" + Math.max(0, upload.data.size() - 1);
    }
}
