package dev.ghcrdashboard.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads a manifest a client pushes (the body of {@code PUT /v2/NAME/manifests/REF}) the way a registry checks it:
 * one of the four manifest media types in {@code Content-Type}, matching the document's own {@code mediaType}, schema
 * version 2, and well-formed descriptors. Whether what it references exists is checked by the caller, who knows the
 * repository. Errors end the request: 400 {@code MANIFEST_INVALID}.
 */
final class PushedManifest {

    static final Set<String> INDEX_TYPES = Set.of(ImageFactory.Format.OCI.index(), ImageFactory.Format.DOCKER.index());
    static final Set<String> MANIFEST_TYPES = Set.of(ImageFactory.Format.OCI.manifest(), ImageFactory.Format.DOCKER.manifest());

    private PushedManifest() {
    }

    static Model.Manifest read(String contentType, byte[] body) {
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        boolean index = INDEX_TYPES.contains(mediaType);
        if (!index && !MANIFEST_TYPES.contains(mediaType)) {
            throw invalid("unsupported manifest media type " + (mediaType.isEmpty() ? "(none)" : mediaType)
                    + ": send one of " + String.join(", ", List.of(ImageFactory.Format.OCI.manifest(), ImageFactory.Format.OCI.index(),
                            ImageFactory.Format.DOCKER.manifest(), ImageFactory.Format.DOCKER.index())));
        }
        JsonNode document;
        try {
            document = Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw invalid("manifest is not JSON");
        }
        if (document == null || !document.isObject()) {
            throw invalid("manifest is not a JSON object");
        }
        if (document.path("schemaVersion").asInt(0) != 2) {
            throw invalid("schemaVersion must be 2");
        }
        JsonNode declared = document.get("mediaType");
        if (declared != null && !declared.asString("").equals(mediaType)) {
            throw invalid("mediaType " + declared.asString("") + " does not match Content-Type " + mediaType);
        }
        List<String> children = new ArrayList<>();
        List<String> blobs = new ArrayList<>();
        if (index) {
            for (JsonNode descriptor : array(document, "manifests")) {
                children.add(digestOf(descriptor, "manifests"));
            }
        } else {
            JsonNode config = document.get("config");
            if (config == null || !config.isObject()) {
                throw invalid("an image manifest needs a config descriptor");
            }
            blobs.add(digestOf(config, "config"));
            for (JsonNode descriptor : array(document, "layers")) {
                blobs.add(digestOf(descriptor, "layers"));
            }
        }
        JsonNode artifactType = document.get("artifactType");
        return new Model.Manifest(Digests.sha256(body), mediaType, artifactType == null ? null : artifactType.asString(null),
                body.clone(), List.copyOf(children), List.copyOf(blobs));
    }

    private static JsonNode array(JsonNode document, String field) {
        JsonNode array = document.get(field);
        if (array == null || !array.isArray()) {
            throw invalid("'" + field + "' must be an array of descriptors");
        }
        return array;
    }

    private static String digestOf(JsonNode descriptor, String field) {
        String digest = descriptor.path("digest").asString("");
        if (!descriptor.isObject() || !RegistryErrors.DIGEST.matcher(digest).matches() || !descriptor.path("size").isIntegralNumber()) {
            throw invalid("a descriptor in '" + field + "' needs a sha256 digest and a size");
        }
        return digest;
    }

    private static HttpFailure invalid(String message) {
        return new HttpFailure(RegistryErrors.errors(400, "MANIFEST_INVALID", "manifest invalid", message));
    }
}
