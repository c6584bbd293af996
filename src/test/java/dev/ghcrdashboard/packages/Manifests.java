package dev.ghcrdashboard.packages;

import dev.ghcrdashboard.registry.Descriptor;
import dev.ghcrdashboard.registry.ManifestDocument;
import dev.ghcrdashboard.registry.MediaTypes;
import dev.ghcrdashboard.registry.Platform;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.ghcrdashboard.registry.OciPusher.sha256;

/**
 * Builds manifests as a registry would serve them: real JSON bytes, digest = sha256 of those
 * bytes, and the parsed record agreeing with the JSON. {@code label} goes into an annotation so
 * that two otherwise equal manifests get different digests, as two builds would.
 */
public final class Manifests {

    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
    private static final String EMPTY_CONFIG = "application/vnd.oci.empty.v1+json";
    private static final long CONFIG_SIZE = 1_000;

    private Manifests() {
    }

    /** An image manifest: config ({@value #CONFIG_SIZE} bytes) plus one layer per size. */
    public static ManifestDocument image(String label, long... layerSizes) {
        List<Descriptor> layers = new ArrayList<>();
        for (int i = 0; i < layerSizes.length; i++) {
            layers.add(blob(OCI_LAYER, label + "/layer" + i, layerSizes[i]));
        }
        return manifest(label, null, blob(OCI_CONFIG, label + "/config", CONFIG_SIZE), layers, null);
    }

    /** An image manifest whose layers are given (to share blobs between images). */
    public static ManifestDocument imageWithLayers(String label, List<Descriptor> layers) {
        return manifest(label, null, blob(OCI_CONFIG, label + "/config", CONFIG_SIZE), layers, null);
    }

    /** A buildx attestation manifest (in-toto layers, no subject). */
    public static ManifestDocument buildxAttestation(String label) {
        return manifest(label, null, blob(OCI_CONFIG, label + "/config", 200),
                List.of(blob(MediaTypes.IN_TOTO, label + "/provenance", 5_000)), null);
    }

    /** A cosign legacy signature manifest (simple-signing layer), pushed under {@code sha256-<hex>.sig}. */
    public static ManifestDocument cosignSignature(String label) {
        return manifest(label, null, blob(OCI_CONFIG, label + "/config", 230),
                List.of(blob(MediaTypes.COSIGN_SIMPLESIGNING, label + "/sig", 250)), null);
    }

    /** A cosign v3 Sigstore bundle stored as an OCI 1.1 referrer of {@code subject}. */
    public static ManifestDocument sigstoreBundle(String label, ManifestDocument subject) {
        return manifest(label, MediaTypes.SIGSTORE_BUNDLE, blob(EMPTY_CONFIG, "empty", 2),
                List.of(blob(MediaTypes.SIGSTORE_BUNDLE, label + "/bundle", 4_000)), describe(subject));
    }

    /** Any other OCI 1.1 referrer of {@code subject} (an SBOM, a scan report). */
    public static ManifestDocument referrer(String label, String artifactType, ManifestDocument subject) {
        return manifest(label, artifactType, blob(EMPTY_CONFIG, "empty", 2),
                List.of(blob(artifactType, label + "/payload", 3_000)), describe(subject));
    }

    public static ManifestDocument index(String label, List<Descriptor> entries) {
        Map<String, String> annotations = Map.of("org.opencontainers.image.description", label);
        StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"").append(MediaTypes.OCI_INDEX).append("\",\"manifests\":[");
        for (int i = 0; i < entries.size(); i++) {
            json.append(i == 0 ? "" : ",").append(json(entries.get(i)));
        }
        json.append("],\"annotations\":").append(json(annotations)).append('}');
        byte[] raw = json.toString().getBytes(StandardCharsets.UTF_8);
        return new ManifestDocument(sha256(raw), MediaTypes.OCI_INDEX, null, entries, null, List.of(), null, annotations, raw);
    }

    public static ManifestDocument index(String label, Descriptor... entries) {
        return index(label, List.of(entries));
    }

    /** An index of a linux/amd64 and a linux/arm64 image, as a two-platform build without attestations pushes it. */
    public static ManifestDocument amd64AndArm64(String label, ManifestDocument amd64, ManifestDocument arm64) {
        return index(label, platform(amd64, "linux/amd64"), platform(arm64, "linux/arm64"));
    }

    /** An index entry for a platform image ({@code "linux/arm64/v8"}). */
    public static Descriptor platform(ManifestDocument manifest, String platform) {
        String[] parts = platform.split("/");
        Platform value = new Platform(parts[0], parts[1], parts.length > 2 ? parts[2] : null);
        return new Descriptor(manifest.mediaType(), manifest.digest(), manifest.raw().length, value, null, Map.of());
    }

    /** The {@code unknown/unknown} entry buildx adds for an image's attestation manifest. */
    public static Descriptor attestationEntry(ManifestDocument attestation, ManifestDocument image) {
        return new Descriptor(attestation.mediaType(), attestation.digest(), attestation.raw().length, new Platform("unknown", "unknown", null), null,
                Map.of("vnd.docker.reference.type", "attestation-manifest", "vnd.docker.reference.digest", image.digest()));
    }

    /** An entry without platform: a nested index, or a manifest in a referrers index. */
    public static Descriptor entry(ManifestDocument manifest) {
        return new Descriptor(manifest.mediaType(), manifest.digest(), manifest.raw().length, null, manifest.artifactType(), Map.of());
    }

    /** The OCI referrers tag schema: {@code sha256:abc} → {@code sha256-abc}. */
    public static String referrersTag(ManifestDocument subject) {
        return subject.digest().replace(':', '-');
    }

    public static String cosignTag(ManifestDocument subject, String suffix) {
        return referrersTag(subject) + "." + suffix;
    }

    public static Descriptor blob(String mediaType, String content, long size) {
        return new Descriptor(mediaType, sha256(content.getBytes(StandardCharsets.UTF_8)), size, null, null, Map.of());
    }

    private static Descriptor describe(ManifestDocument manifest) {
        return new Descriptor(manifest.mediaType(), manifest.digest(), manifest.raw().length, null, null, Map.of());
    }

    private static ManifestDocument manifest(String label, String artifactType, Descriptor config, List<Descriptor> layers, Descriptor subject) {
        Map<String, String> annotations = Map.of("org.opencontainers.image.description", label);
        StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"").append(MediaTypes.OCI_MANIFEST).append('"');
        if (artifactType != null) {
            json.append(",\"artifactType\":\"").append(artifactType).append('"');
        }
        json.append(",\"config\":").append(json(config)).append(",\"layers\":[");
        for (int i = 0; i < layers.size(); i++) {
            json.append(i == 0 ? "" : ",").append(json(layers.get(i)));
        }
        json.append(']');
        if (subject != null) {
            json.append(",\"subject\":").append(json(subject));
        }
        json.append(",\"annotations\":").append(json(annotations)).append('}');
        byte[] raw = json.toString().getBytes(StandardCharsets.UTF_8);
        return new ManifestDocument(sha256(raw), MediaTypes.OCI_MANIFEST, artifactType, List.of(), config, layers, subject, annotations, raw);
    }

    private static String json(Descriptor descriptor) {
        StringBuilder json = new StringBuilder("{\"mediaType\":\"").append(descriptor.mediaType())
                .append("\",\"digest\":\"").append(descriptor.digest()).append("\",\"size\":").append(descriptor.size());
        if (descriptor.artifactType() != null) {
            json.append(",\"artifactType\":\"").append(descriptor.artifactType()).append('"');
        }
        if (descriptor.platform() != null) {
            Platform platform = descriptor.platform();
            json.append(",\"platform\":{\"architecture\":\"").append(platform.architecture()).append("\",\"os\":\"").append(platform.os()).append('"');
            if (platform.variant() != null) {
                json.append(",\"variant\":\"").append(platform.variant()).append('"');
            }
            json.append('}');
        }
        if (!descriptor.annotations().isEmpty()) {
            json.append(",\"annotations\":").append(json(descriptor.annotations()));
        }
        return json.append('}').toString();
    }

    private static String json(Map<String, String> map) {
        StringBuilder json = new StringBuilder("{");
        new LinkedHashMap<>(new java.util.TreeMap<>(map)).forEach((key, value) ->
                json.append(json.length() == 1 ? "" : ",").append('"').append(key).append("\":\"").append(value.replace("\"", "\\\"")).append('"'));
        return json.append('}').toString();
    }
}
