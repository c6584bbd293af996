package dev.ghcrdashboard.simulator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import tools.jackson.databind.json.JsonMapper;

/**
 * Produces real OCI JSON (manifests, indexes, configs) and blob bytes, deterministically from a seed,
 * so every digest is the sha256 of the exact bytes served and two runs of a scenario agree.
 */
final class ImageFactory {

    static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";
    // Attestations and signatures: buildx's in-toto statements, cosign's simple signing and Sigstore bundles.
    static final String IN_TOTO = "application/vnd.in-toto+json";
    static final String DSSE = "application/vnd.dsse.envelope.v1+json";
    static final String SIGSTORE_BUNDLE = "application/vnd.dev.sigstore.bundle.v0.3+json";
    static final String SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json";

    private final JsonMapper json;
    private final Map<String, byte[]> blobs;

    ImageFactory(JsonMapper json, Map<String, byte[]> blobs) {
        this.json = json;
        this.blobs = blobs;
    }

    /** A descriptor of a manifest as an index lists it. */
    record Entry(Model.Manifest manifest, Map<String, Object> descriptor) {
    }

    /** The media types of one manifest format: OCI, or Docker's v2 schema 2 (docker/distribution); docs/ghcr-platform.md §8. */
    record Format(String index, String manifest, String config, String layer) {

        static final Format OCI = new Format("application/vnd.oci.image.index.v1+json",
                "application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.config.v1+json",
                "application/vnd.oci.image.layer.v1.tar");
        static final Format DOCKER = new Format("application/vnd.docker.distribution.manifest.list.v2+json",
                "application/vnd.docker.distribution.manifest.v2+json", "application/vnd.docker.container.image.v1+json",
                "application/vnd.docker.image.rootfs.diff.tar.gzip");

        static Format of(String name) {
            return name.equals("docker") ? DOCKER : OCI;
        }
    }

    /** A single-platform image manifest; Docker manifests carry no annotations (their schema has none). */
    Model.Manifest image(Format format, String repository, String platform, Instant created, Map<String, String> annotations,
            Map<String, String> labels, int layerCount, int layerSize, String seed) {
        String[] parts = platform.split("/");
        List<Map<String, Object>> layers = new ArrayList<>();
        List<String> diffIds = new ArrayList<>();
        for (int i = 0; i < layerCount; i++) {
            byte[] layer = randomBytes(seed + "#layer" + i, layerSize * (i + 1));
            String digest = blob(layer);
            diffIds.add(digest);
            layers.add(descriptor(format.layer(), digest, layer.length));
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("created", created.toString());
        config.put("architecture", parts.length > 1 ? parts[1] : "amd64");
        config.put("os", parts[0]);
        if (parts.length > 2) {
            config.put("variant", parts[2]);
        }
        Map<String, Object> runtime = new LinkedHashMap<>();
        runtime.put("Env", List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
        runtime.put("Cmd", List.of("/app"));
        if (!labels.isEmpty()) {
            runtime.put("Labels", labels);
        }
        config.put("config", runtime);
        config.put("rootfs", obj("type", "layers", "diff_ids", diffIds));
        config.put("history", List.of(obj("created", created.toString(), "created_by", "simulated build of " + repository)));
        byte[] configBytes = json.writeValueAsBytes(config);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", format.manifest());
        manifest.put("config", descriptor(format.config(), blob(configBytes), configBytes.length));
        manifest.put("layers", layers);
        if (!annotations.isEmpty() && format == Format.OCI) {
            manifest.put("annotations", annotations);
        }
        return manifest(manifest, format.manifest(), null, List.of());
    }

    /** A buildx attestation manifest for {@code subject}: in-toto provenance, listed with platform unknown/unknown. */
    Entry attestation(String repository, Model.Manifest subject, Instant created) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("_type", "https://in-toto.io/Statement/v0.1");
        statement.put("predicateType", "https://slsa.dev/provenance/v0.2");
        statement.put("subject", List.of(obj("name", "pkg:docker/" + repository, "digest",
                obj("sha256", subject.digest().substring(7)))));
        statement.put("predicate", obj("builder", obj("id", "https://github.com/docker/build-push-action"),
                "metadata", obj("buildStartedOn", created.toString())));
        byte[] layer = json.writeValueAsBytes(statement);
        Map<String, Object> layerDescriptor = descriptor(IN_TOTO, blob(layer), layer.length);
        layerDescriptor.put("annotations", obj("in-toto.io/predicate-type", "https://slsa.dev/provenance/v0.2"));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architecture", "unknown");
        config.put("os", "unknown");
        config.put("config", obj());
        config.put("rootfs", obj("type", "layers", "diff_ids", List.of(blobDigest(layer))));
        Model.Manifest built = ociManifest(config, layerDescriptor);
        Map<String, Object> entry = descriptor(Format.OCI.manifest(), built.digest(), built.size());
        entry.put("annotations", obj("vnd.docker.reference.digest", subject.digest(),
                "vnd.docker.reference.type", "attestation-manifest"));
        entry.put("platform", obj("architecture", "unknown", "os", "unknown"));
        return new Entry(built, entry);
    }

    Entry platformEntry(Model.Manifest manifest, String platform) {
        Map<String, Object> entry = descriptor(manifest.mediaType(), manifest.digest(), manifest.size());
        String[] parts = platform.split("/");
        Map<String, Object> platformMap = new LinkedHashMap<>();
        platformMap.put("architecture", parts.length > 1 ? parts[1] : "amd64");
        platformMap.put("os", parts[0]);
        if (parts.length > 2) {
            platformMap.put("variant", parts[2]);
        }
        entry.put("platform", platformMap);
        return new Entry(manifest, entry);
    }

    Entry indexEntry(Model.Manifest index) {
        return new Entry(index, descriptor(index.mediaType(), index.digest(), index.size()));
    }

    /** An image index (OCI) or manifest list (Docker); the latter carries no annotations. */
    Model.Manifest index(Format format, List<Entry> entries, Map<String, String> annotations) {
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("mediaType", format.index());
        index.put("manifests", entries.stream().map(Entry::descriptor).toList());
        if (!annotations.isEmpty() && format == Format.OCI) {
            index.put("annotations", annotations);
        }
        return manifest(index, format.index(), null, entries.stream().map(entry -> entry.manifest().digest()).toList());
    }

    /** Cosign's legacy signature manifest, pushed under {@code sha256-<hex>.sig}. */
    Model.Manifest cosignSignature(String repository, Model.Manifest subject) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("critical", obj(
                "identity", obj("docker-reference", "ghcr.io/" + repository),
                "image", obj("docker-manifest-digest", subject.digest()),
                "type", "cosign container image signature"));
        payload.put("optional", null);
        byte[] layer = json.writeValueAsBytes(payload);
        Map<String, Object> layerDescriptor = descriptor(SIMPLE_SIGNING, blob(layer), layer.length);
        layerDescriptor.put("annotations", obj("dev.cosignproject.cosign/signature",
                Base64.getEncoder().encodeToString(Digests.hash((subject.digest() + "#sig").getBytes(StandardCharsets.UTF_8)))));
        return cosignManifest(layerDescriptor, layer);
    }

    /** Cosign's legacy attestation manifest, pushed under {@code sha256-<hex>.att}. */
    Model.Manifest cosignAttestation(String repository, Model.Manifest subject) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("_type", "https://in-toto.io/Statement/v1");
        statement.put("predicateType", "https://slsa.dev/provenance/v1");
        statement.put("subject", List.of(obj("name", "ghcr.io/" + repository, "digest",
                obj("sha256", subject.digest().substring(7)))));
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("payloadType", "application/vnd.in-toto+json");
        envelope.put("payload", Base64.getEncoder().encodeToString(json.writeValueAsBytes(statement)));
        envelope.put("signatures", List.of(obj("keyid", "", "sig", "c2ltdWxhdGVk")));
        byte[] layer = json.writeValueAsBytes(envelope);
        Map<String, Object> layerDescriptor = descriptor(DSSE, blob(layer), layer.length);
        layerDescriptor.put("annotations", obj("predicateType", "https://slsa.dev/provenance/v1"));
        return cosignManifest(layerDescriptor, layer);
    }

    private Model.Manifest cosignManifest(Map<String, Object> layerDescriptor, byte[] layer) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architecture", "");
        config.put("created", "0001-01-01T00:00:00Z");
        config.put("history", List.of(obj("created", "0001-01-01T00:00:00Z")));
        config.put("os", "");
        config.put("rootfs", obj("type", "layers", "diff_ids", List.of(blobDigest(layer))));
        config.put("config", obj());
        return ociManifest(config, layerDescriptor);
    }

    /** An OCI image manifest with this config (stored as a blob) and one layer. */
    private Model.Manifest ociManifest(Map<String, Object> config, Map<String, Object> layerDescriptor) {
        byte[] configBytes = json.writeValueAsBytes(config);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", Format.OCI.manifest());
        manifest.put("config", descriptor(Format.OCI.config(), blob(configBytes), configBytes.length));
        manifest.put("layers", List.of(layerDescriptor));
        return manifest(manifest, Format.OCI.manifest(), null, List.of());
    }

    /** An OCI 1.1 referrer (cosign v3 Sigstore bundle) whose {@code subject} is the image. */
    Entry sigstoreReferrer(Model.Manifest subject, Instant created) {
        byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("mediaType", SIGSTORE_BUNDLE);
        bundle.put("verificationMaterial", obj("publicKey", obj("hint", "simulated")));
        bundle.put("messageSignature", obj("messageDigest", obj("algorithm", "SHA2_256", "digest",
                Base64.getEncoder().encodeToString(Digests.hash(subject.bytes()))), "signature", "c2ltdWxhdGVk"));
        byte[] layer = json.writeValueAsBytes(bundle);
        Map<String, Object> annotations = obj("org.opencontainers.image.created", created.toString(),
                "dev.sigstore.bundle.content", "message-signature");
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", Format.OCI.manifest());
        manifest.put("artifactType", SIGSTORE_BUNDLE);
        manifest.put("config", descriptor(OCI_EMPTY, blob(empty), empty.length));
        manifest.put("layers", List.of(descriptor(SIGSTORE_BUNDLE, blob(layer), layer.length)));
        manifest.put("subject", descriptor(subject.mediaType(), subject.digest(), subject.size()));
        manifest.put("annotations", annotations);
        Model.Manifest built = manifest(manifest, Format.OCI.manifest(), SIGSTORE_BUNDLE, List.of());
        Map<String, Object> entry = descriptor(Format.OCI.manifest(), built.digest(), built.size());
        entry.put("artifactType", SIGSTORE_BUNDLE);
        entry.put("annotations", annotations);
        return new Entry(built, entry);
    }

    /** Serialises a manifest; the blobs it references are read from its own config and layers, so they always agree. */
    private Model.Manifest manifest(Map<String, Object> document, String mediaType, String artifactType, List<String> children) {
        byte[] bytes = json.writeValueAsBytes(document);
        List<String> referenced = new ArrayList<>();
        if (document.get("config") instanceof Map<?, ?> config) {
            referenced.add((String) config.get("digest"));
        }
        if (document.get("layers") instanceof List<?> layers) {
            for (Object layer : layers) {
                if (layer instanceof Map<?, ?> descriptor) {
                    referenced.add((String) descriptor.get("digest"));
                }
            }
        }
        return new Model.Manifest(Digests.sha256(bytes), mediaType, artifactType, bytes, List.copyOf(children), List.copyOf(referenced));
    }

    private String blob(byte[] bytes) {
        String digest = Digests.sha256(bytes);
        blobs.putIfAbsent(digest, bytes);
        return digest;
    }

    private static String blobDigest(byte[] bytes) {
        return Digests.sha256(bytes);
    }

    private static Map<String, Object> descriptor(String mediaType, String digest, long size) {
        Map<String, Object> descriptor = new LinkedHashMap<>();
        descriptor.put("mediaType", mediaType);
        descriptor.put("digest", digest);
        descriptor.put("size", size);
        return descriptor;
    }

    /** Insertion-ordered, unlike {@code Map.of}, whose iteration order changes between JVM runs and would change digests. */
    private static Map<String, Object> obj(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static byte[] randomBytes(String seed, int size) {
        byte[] bytes = new byte[size];
        new Random(ByteBuffer.wrap(Digests.hash(seed.getBytes(StandardCharsets.UTF_8))).getLong()).nextBytes(bytes);
        return bytes;
    }
}
