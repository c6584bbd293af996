package dev.ghcrdashboard.registry;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads manifests and image configs from verified bytes, tolerating the fields it does not know. */
record ManifestParser(JsonMapper json) {

    /**
     * @param mediaType the media type the registry served; the document's own {@code mediaType} wins
     */
    ManifestDocument manifest(String digest, String mediaType, byte[] raw) {
        JsonNode root;
        try {
            root = json.readTree(raw);
        } catch (JacksonException e) {
            throw new RegistryException("manifest " + digest + " is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new RegistryException("manifest " + digest + " is not a JSON object");
        }
        String type = text(root, "mediaType");
        return new ManifestDocument(
                digest,
                type != null ? type : mediaType,
                text(root, "artifactType"),
                descriptors(root.path("manifests")),
                descriptor(root.get("config")),
                descriptors(root.path("layers")),
                descriptor(root.get("subject")),
                strings(root.get("annotations")),
                raw.clone());
    }

    /** An image config; fields stay {@code null} for configs that are not image configs (empty, artifacts). */
    ImageConfig config(String digest, byte[] raw) {
        JsonNode root;
        try {
            root = json.readTree(raw);
        } catch (JacksonException e) {
            return new ImageConfig(digest, null, null, null, null, Map.of());
        }
        if (root == null || !root.isObject()) {
            return new ImageConfig(digest, null, null, null, null, Map.of());
        }
        return new ImageConfig(digest, instant(text(root, "created")), text(root, "os"), text(root, "architecture"), text(root, "variant"),
                strings(root.path("config").get("Labels")));
    }

    private List<Descriptor> descriptors(JsonNode array) {
        List<Descriptor> descriptors = new ArrayList<>();
        if (array != null && array.isArray()) {
            for (JsonNode node : array) {
                Descriptor descriptor = descriptor(node);
                if (descriptor != null) {
                    descriptors.add(descriptor);
                }
            }
        }
        return descriptors;
    }

    private Descriptor descriptor(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode platform = node.get("platform");
        return new Descriptor(
                text(node, "mediaType"),
                text(node, "digest"),
                node.path("size").asLong(0),
                platform != null && platform.isObject() ? new Platform(text(platform, "os"), text(platform, "architecture"), text(platform, "variant")) : null,
                text(node, "artifactType"),
                strings(node.get("annotations")));
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        if (object != null && object.isObject()) {
            for (Map.Entry<String, JsonNode> entry : object.properties()) {
                if (entry.getValue().isString()) {
                    values.put(entry.getKey(), entry.getValue().stringValue());
                }
            }
        }
        return values;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.stringValue() : null;
    }

    private static Instant instant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
