package dev.ghcrdashboard.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pushes real OCI content into a registry over the distribution HTTP API (monolithic blob uploads,
 * manifest PUTs), independent of the client under test. It builds what buildx and cosign produce:
 * a multi-arch index with attestation manifests, a legacy cosign signature tag, and an OCI 1.1
 * referrer with its {@code sha256-<hex>} tag-schema index.
 */
public final class OciPusher {

    public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";
    public static final String SLSA_PROVENANCE = "https://slsa.dev/provenance/v0.2";
    public static final String CREATED = "2026-01-02T03:04:05Z";
    public static final String SOURCE = "https://github.com/acme/app";

    /** A blob or manifest as pushed, with its exact bytes. */
    public record Pushed(String mediaType, String digest, long size, byte[] bytes) {
    }

    /** A platform image manifest and what a reader should compute from it. */
    public record PlatformImage(Pushed manifest, Platform platform, Pushed config, List<Pushed> layers) {

        public long compressedSize() {
            return config.size() + layers.stream().mapToLong(Pushed::size).sum();
        }
    }

    /** What {@code docker buildx build --platform linux/amd64,linux/arm64 --provenance} pushes under one tag. */
    public record MultiArchImage(Pushed index, PlatformImage amd64, PlatformImage arm64, Pushed amd64Attestation, Pushed arm64Attestation) {
    }

    private final URI registry;
    private final Function<String, String> bearerForRepository;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    /** A pusher for a registry without authentication. */
    public OciPusher(URI registry) {
        this(registry, null);
    }

    /** A pusher that sends {@code Bearer <token>} with a push-capable token per repository path. */
    public OciPusher(URI registry, Function<String, String> bearerForRepository) {
        this.registry = registry;
        this.bearerForRepository = bearerForRepository;
    }

    /** Pushes an amd64 + arm64/v8 index with two buildx attestation manifests and tags it. */
    public MultiArchImage pushMultiArchImage(String repository, String tag) {
        PlatformImage amd64 = pushPlatformImage(repository, new Platform("linux", "amd64", null));
        PlatformImage arm64 = pushPlatformImage(repository, new Platform("linux", "arm64", "v8"));
        Pushed amd64Attestation = pushAttestation(repository, amd64.manifest());
        Pushed arm64Attestation = pushAttestation(repository, arm64.manifest());

        ObjectNode index = json.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        ArrayNode manifests = index.putArray("manifests");
        manifests.add(descriptor(amd64.manifest()).set("platform", platform(amd64.platform())));
        manifests.add(descriptor(arm64.manifest()).set("platform", platform(arm64.platform())));
        manifests.add(attestationEntry(amd64Attestation, amd64.manifest()));
        manifests.add(attestationEntry(arm64Attestation, arm64.manifest()));
        index.putObject("annotations")
                .put("org.opencontainers.image.source", SOURCE)
                .put("org.opencontainers.image.created", CREATED);
        Pushed pushedIndex = pushManifest(repository, tag, MediaTypes.OCI_INDEX, json.writeValueAsBytes(index));
        return new MultiArchImage(pushedIndex, amd64, arm64, amd64Attestation, arm64Attestation);
    }

    /** A single-platform image manifest with its config and one layer, pushed by digest (untagged). */
    public PlatformImage pushPlatformImage(String repository, Platform platform) {
        ObjectNode config = json.createObjectNode();
        config.put("created", CREATED);
        config.put("architecture", platform.architecture());
        config.put("os", platform.os());
        if (platform.variant() != null) {
            config.put("variant", platform.variant());
        }
        config.putObject("config").putObject("Labels")
                .put("org.opencontainers.image.source", SOURCE)
                .put("org.opencontainers.image.title", "app " + platform);
        Pushed layer = pushBlob(repository, OCI_LAYER, ("layer of " + repository + " for " + platform + "\n").repeat(40).getBytes(StandardCharsets.UTF_8));
        config.putObject("rootfs").put("type", "layers").putArray("diff_ids").add(layer.digest());
        Pushed configBlob = pushBlob(repository, OCI_CONFIG, json.writeValueAsBytes(config));

        ObjectNode manifest = json.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
        manifest.set("config", descriptor(configBlob));
        manifest.putArray("layers").add(descriptor(layer));
        Pushed pushed = pushManifest(repository, null, MediaTypes.OCI_MANIFEST, json.writeValueAsBytes(manifest));
        return new PlatformImage(pushed, platform, configBlob, List.of(layer));
    }

    /** A buildx provenance attestation manifest for {@code image} (its index entry is added by the caller). */
    public Pushed pushAttestation(String repository, Pushed image) {
        Pushed config = pushBlob(repository, OCI_CONFIG,
                "{\"architecture\":\"unknown\",\"os\":\"unknown\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}".getBytes(StandardCharsets.UTF_8));
        Pushed statement = pushBlob(repository, MediaTypes.IN_TOTO,
                ("{\"_type\":\"https://in-toto.io/Statement/v0.1\",\"predicateType\":\"" + SLSA_PROVENANCE + "\",\"subject\":[{\"name\":\"app\",\"digest\":{\"sha256\":\""
                        + hex(image.digest()) + "\"}}],\"predicate\":{}}").getBytes(StandardCharsets.UTF_8));
        ObjectNode manifest = json.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
        manifest.set("config", descriptor(config));
        ObjectNode layer = descriptor(statement);
        layer.putObject("annotations").put("in-toto.io/predicate-type", SLSA_PROVENANCE);
        manifest.putArray("layers").add(layer);
        return pushManifest(repository, null, MediaTypes.OCI_MANIFEST, json.writeValueAsBytes(manifest));
    }

    /** Cosign's legacy signature: a manifest tagged {@code sha256-<hex>.sig}. */
    public Pushed pushCosignSignature(String repository, String signedDigest) {
        Pushed config = pushBlob(repository, OCI_CONFIG,
                "{\"architecture\":\"\",\"os\":\"\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}".getBytes(StandardCharsets.UTF_8));
        Pushed payload = pushBlob(repository, MediaTypes.COSIGN_SIMPLESIGNING,
                ("{\"critical\":{\"identity\":{\"docker-reference\":\"" + repository + "\"},\"image\":{\"docker-manifest-digest\":\"" + signedDigest
                        + "\"},\"type\":\"cosign container image signature\"},\"optional\":null}").getBytes(StandardCharsets.UTF_8));
        ObjectNode manifest = json.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
        manifest.set("config", descriptor(config));
        ObjectNode layer = descriptor(payload);
        layer.putObject("annotations").put("dev.cosignproject.cosign/signature", "MEUCIQDfakeSignatureForTests==");
        manifest.putArray("layers").add(layer);
        return pushManifest(repository, "sha256-" + hex(signedDigest) + ".sig", MediaTypes.OCI_MANIFEST, json.writeValueAsBytes(manifest));
    }

    /**
     * A cosign v3 style Sigstore bundle as an OCI 1.1 referrer of {@code subject}, plus the referrers
     * tag-schema index {@code sha256-<hex>} listing it (what clients do where there is no referrers API).
     *
     * @return the referrer manifest and the tag-schema index
     */
    public Pushed[] pushReferrer(String repository, Pushed subject) {
        Pushed empty = pushBlob(repository, OCI_EMPTY, "{}".getBytes(StandardCharsets.UTF_8));
        Pushed bundle = pushBlob(repository, MediaTypes.SIGSTORE_BUNDLE,
                ("{\"mediaType\":\"" + MediaTypes.SIGSTORE_BUNDLE + "\",\"verificationMaterial\":{},\"messageSignature\":{\"messageDigest\":{\"algorithm\":\"SHA2_256\",\"digest\":\""
                        + hex(subject.digest()) + "\"}}}").getBytes(StandardCharsets.UTF_8));
        ObjectNode manifest = json.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
        manifest.put("artifactType", MediaTypes.SIGSTORE_BUNDLE);
        manifest.set("config", descriptor(empty));
        manifest.putArray("layers").add(descriptor(bundle));
        manifest.set("subject", descriptor(subject));
        manifest.putObject("annotations").put("dev.sigstore.bundle.predicateType", "https://sigstore.dev/cosign/sign/v1")
                .put("org.opencontainers.image.created", CREATED);
        Pushed referrer = pushManifest(repository, null, MediaTypes.OCI_MANIFEST, json.writeValueAsBytes(manifest));

        ObjectNode index = json.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        ObjectNode entry = descriptor(referrer);
        entry.put("artifactType", MediaTypes.SIGSTORE_BUNDLE);
        entry.putObject("annotations").put("org.opencontainers.image.created", CREATED);
        index.putArray("manifests").add(entry);
        Pushed tagIndex = pushManifest(repository, "sha256-" + hex(subject.digest()), MediaTypes.OCI_INDEX, json.writeValueAsBytes(index));
        return new Pushed[] {referrer, tagIndex};
    }

    /** Monolithic upload: POST for an upload location, then one PUT with the bytes and their digest. */
    public Pushed pushBlob(String repository, String mediaType, byte[] content) {
        String digest = sha256(content);
        HttpResponse<String> start = send(repository, HttpRequest.newBuilder(registry.resolve("/v2/" + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()), 202);
        String location = start.headers().firstValue("Location").orElseThrow(() -> new IllegalStateException("upload without Location"));
        URI upload = registry.resolve(location);
        String separator = upload.toString().contains("?") ? "&" : "?";
        URI put = URI.create(upload + separator + "digest=" + URLEncoder.encode(digest, StandardCharsets.UTF_8));
        send(repository, HttpRequest.newBuilder(put).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)), 201);
        return new Pushed(mediaType, digest, content.length, content);
    }

    /** PUTs a manifest by tag, or by its own digest when {@code tag} is null. */
    public Pushed pushManifest(String repository, String tag, String mediaType, byte[] content) {
        String digest = sha256(content);
        URI uri = registry.resolve("/v2/" + repository + "/manifests/" + (tag == null ? digest : tag));
        HttpResponse<String> response = send(repository, HttpRequest.newBuilder(uri).header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)), 201);
        String stored = response.headers().firstValue("Docker-Content-Digest").orElse(digest);
        if (!stored.equals(digest)) {
            throw new IllegalStateException("registry stored " + stored + " for " + digest);
        }
        return new Pushed(mediaType, digest, content.length, content);
    }

    public static String sha256(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code sha256:abc} → {@code abc}, as used in tag-schema tags. */
    public static String hex(String digest) {
        return digest.substring(digest.indexOf(':') + 1);
    }

    private HttpResponse<String> send(String repository, HttpRequest.Builder request, int expected) {
        if (bearerForRepository != null) {
            request.header("Authorization", "Bearer " + bearerForRepository.apply(repository));
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(response.request().method() + " " + response.uri().getPath() + " answered " + response.statusCode() + ": " + response.body());
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode descriptor(Pushed pushed) {
        ObjectNode node = json.createObjectNode();
        node.put("mediaType", pushed.mediaType());
        node.put("digest", pushed.digest());
        node.put("size", pushed.size());
        return node;
    }

    private ObjectNode platform(Platform platform) {
        ObjectNode node = json.createObjectNode();
        node.put("architecture", platform.architecture());
        node.put("os", platform.os());
        if (platform.variant() != null) {
            node.put("variant", platform.variant());
        }
        return node;
    }

    private ObjectNode attestationEntry(Pushed attestation, Pushed image) {
        ObjectNode entry = descriptor(attestation);
        entry.set("platform", platform(new Platform("unknown", "unknown", null)));
        entry.putObject("annotations")
                .put("vnd.docker.reference.digest", image.digest())
                .put("vnd.docker.reference.type", "attestation-manifest");
        return entry;
    }

    static Map<String, String> attestationAnnotations(String imageDigest) {
        return Map.of("vnd.docker.reference.digest", imageDigest, "vnd.docker.reference.type", "attestation-manifest");
    }
}
