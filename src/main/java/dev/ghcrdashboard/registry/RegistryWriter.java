package dev.ghcrdashboard.registry;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import dev.ghcrdashboard.caching.CacheStatistics;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Writes to the registry: puts an existing manifest under another tag (the exact bytes and media type it was
 * pushed with, so the digest stays the same), uploads blobs, and pushes the placeholder that takes a tag off an
 * image. ghcr.io has no tag delete (DELETE answers 405, docs/ghcr-platform.md §7), so removing a tag means pushing
 * a throw-away manifest under it and deleting that new version through the REST API; the caller checks that the
 * tag really moved before deleting anything.
 *
 * <p>Writes use a token asked for with {@code repository:OWNER/NAME:pull,push} (ghcr grants push to a user whose
 * OAuth token has {@code write:packages} and whose role on the package allows writing). Push tokens are kept apart
 * from the reader's pull tokens and renewed a little before {@code expires_in} runs out; a write answered 401
 * (the registry saw the token expire first) asks for a fresh one once.
 *
 * <p>Failures: {@link RegistryAccessDeniedException} (no push granted), {@link RegistryNotFoundException},
 * {@link RegistryUnavailableException} (after retries), {@link DigestMismatchException} (the registry stored other
 * bytes than were sent), other {@link RegistryException}s.
 */
@Component
public class RegistryWriter {

    /** OCI 1.1's empty descriptor: the config of an artifact that has none ({@code {}}, two bytes). */
    static final String EMPTY_CONFIG_TYPE = "application/vnd.oci.empty.v1+json";
    static final byte[] EMPTY_CONFIG = "{}".getBytes(StandardCharsets.US_ASCII);
    static final String PLACEHOLDER_ARTIFACT_TYPE = "application/vnd.ghcr-dashboard.placeholder.v1";
    /** Annotation on a placeholder: the tag it was pushed under. The integrity check finds leftovers by it. */
    public static final String PLACEHOLDER_TAG_ANNOTATION = "dev.ghcr-dashboard.placeholder.tag";
    static final String PLACEHOLDER_OPERATION_ANNOTATION = "dev.ghcr-dashboard.placeholder.operation";
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
    private static final Pattern OPERATION = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private final RegistryProperties properties;
    private final RegistryClient reader;
    private final TokenCache pushTokens;
    private final RegistryHttp http;
    /** The registry's Bearer challenge (realm and service), learnt once from {@code GET /v2/}; empty when it needs no token. */
    private volatile Optional<AuthChallenge> challenge;

    public RegistryWriter(RegistryProperties properties, RegistryClient reader, CacheStatistics caches, Clock clock) {
        this.properties = properties;
        this.reader = reader;
        this.pushTokens = new TokenCache("registry.push-tokens", clock, caches);
        this.http = reader.http();
    }

    /**
     * A manifest that takes a tag off an image: an OCI image manifest with the empty config {@code {}}, no layers, and
     * annotations naming the tag and the operation. The same operation and tag always give the same bytes, so a job
     * resumed after a crash recognises the placeholder it pushed before.
     *
     * @param digest sha256 of {@code bytes}
     */
    public record Placeholder(String digest, String mediaType, byte[] bytes) {

        public static Placeholder of(String operation, String tag) {
            requireTag(tag);
            if (operation == null || !OPERATION.matcher(operation).matches()) {
                throw new IllegalArgumentException("not an operation id: " + operation);
            }
            // Hand-written JSON: the bytes must never change with a library's field order, or a resumed job
            // would not recognise its own placeholder. Both values are checked above to need no escaping.
            String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\","
                    + "\"artifactType\":\"" + PLACEHOLDER_ARTIFACT_TYPE + "\","
                    + "\"config\":{\"mediaType\":\"" + EMPTY_CONFIG_TYPE + "\",\"digest\":\"" + RegistryClient.sha256(EMPTY_CONFIG) + "\",\"size\":"
                    + EMPTY_CONFIG.length + "},"
                    + "\"layers\":[],"
                    + "\"annotations\":{\"" + PLACEHOLDER_TAG_ANNOTATION + "\":\"" + tag + "\",\""
                    + PLACEHOLDER_OPERATION_ANNOTATION + "\":\"" + operation + "\","
                    + "\"org.opencontainers.image.description\":\"Placeholder pushed by ghcr-dashboard to take tag " + tag
                    + " off an image; it is deleted right after.\"}}";
            byte[] bytes = json.getBytes(StandardCharsets.US_ASCII);
            return new Placeholder(RegistryClient.sha256(bytes), MediaTypes.OCI_MANIFEST, bytes);
        }
    }

    /** Whether a manifest is a placeholder this dashboard pushes to remove a tag. */
    public static boolean isPlaceholder(ManifestDocument manifest) {
        return PLACEHOLDER_ARTIFACT_TYPE.equals(manifest.artifactType()) && manifest.annotations().containsKey(PLACEHOLDER_TAG_ANNOTATION);
    }

    /**
     * Puts the image {@code digest} under {@code tag} as well: its manifest (read through the digest-keyed cache,
     * so at most one download ever) is sent again, byte for byte, with its media type. If another image had the tag,
     * it loses it. Every manifest an index lists must still be in the repository, as it is for an active version.
     *
     * @return the digest the registry stored the manifest under, always {@code digest}
     */
    public String tag(RegistryRepository repository, String digest, String tag, RegistryCredentials credentials) {
        requireTag(tag);
        ManifestDocument manifest = reader.manifest(repository, digest, credentials);
        return putManifest(repository, tag, manifest.mediaType(), manifest.raw(), credentials);
    }

    /**
     * Pushes {@code placeholder} under {@code tag}: uploads its empty config blob unless the repository holds it, then
     * puts the manifest by tag. Afterwards the tag names the placeholder, no longer the image that had it.
     */
    public void pushPlaceholder(RegistryRepository repository, String tag, Placeholder placeholder, RegistryCredentials credentials) {
        requireTag(tag);
        uploadBlob(repository, EMPTY_CONFIG, credentials);
        putManifest(repository, tag, placeholder.mediaType(), placeholder.bytes(), credentials);
    }

    /**
     * Makes sure the repository holds the blob: a {@code HEAD} first (a blob it holds is not sent again), else a
     * monolithic upload ({@code POST …/blobs/uploads/}, then one {@code PUT ?digest=} with the bytes).
     *
     * @return the blob's digest
     */
    public String uploadBlob(RegistryRepository repository, byte[] content, RegistryCredentials credentials) {
        String digest = RegistryClient.sha256(content);
        if (holdsBlob(repository, digest, credentials)) {
            return digest;
        }
        String what = "upload of blob " + repository + "@" + digest;
        URI start = registryUri("/v2/" + repository.path() + "/blobs/uploads/");
        RegistryHttp.Response session = send(repository, credentials, HttpMethod.POST, start, null, new RegistryHttp.Body("application/octet-stream", new byte[0]), what);
        if (session.status() != 202) {
            throw http.failure(session, what);
        }
        String location = session.header(HttpHeaders.LOCATION);
        if (location == null || location.isBlank()) {
            throw new RegistryException(what + ": the registry opened an upload without a Location");
        }
        URI upload = start.resolve(location.trim());
        if (!RegistryHttp.sameOrigin(properties.url(), upload)) {
            throw new RegistryException(what + ": the upload location is on another host (" + upload.getHost() + ")");
        }
        URI put = UriComponentsBuilder.fromUri(upload).queryParam("digest", digest).build(true).toUri();
        RegistryHttp.Response done = send(repository, credentials, HttpMethod.PUT, put, null, new RegistryHttp.Body("application/octet-stream", content), what);
        if (done.status() != 201) {
            // A retried PUT whose first attempt went through finds its session closed; the blob is there all the same.
            if (holdsBlob(repository, digest, credentials)) {
                return digest;
            }
            throw http.failure(done, what);
        }
        String stored = done.header("Docker-Content-Digest");
        if (stored != null && !stored.isBlank() && !stored.trim().equals(digest)) {
            throw new DigestMismatchException(what + ": registry stored " + stored.trim());
        }
        return digest;
    }

    /** Whether the repository holds the blob ({@code HEAD}; the registry answers 404 otherwise). */
    public boolean holdsBlob(RegistryRepository repository, String digest, RegistryCredentials credentials) {
        if (!DIGEST.matcher(digest).matches()) {
            throw new IllegalArgumentException("not a sha256 digest: " + digest);
        }
        String what = "blob " + repository + "@" + digest;
        RegistryHttp.Response head = send(repository, credentials, HttpMethod.HEAD, registryUri("/v2/" + repository.path() + "/blobs/" + digest), null, null, what);
        if (head.ok()) {
            return true;
        }
        if (head.status() == 404) {
            return false;
        }
        throw http.failure(head, what);
    }

    /**
     * Puts manifest bytes under a tag. The registry must answer 201 and, when it names the digest it stored, name the
     * sha256 of the bytes sent.
     */
    String putManifest(RegistryRepository repository, String tag, String mediaType, byte[] bytes, RegistryCredentials credentials) {
        String digest = RegistryClient.sha256(bytes);
        String what = "push of " + repository + ":" + tag;
        URI uri = registryUri("/v2/" + repository.path() + "/manifests/" + tag);
        RegistryHttp.Response response = send(repository, credentials, HttpMethod.PUT, uri, null, new RegistryHttp.Body(mediaType, bytes), what);
        if (response.status() != 201 && response.status() != 200) {
            throw http.failure(response, what);
        }
        String stored = response.header("Docker-Content-Digest");
        if (stored != null && !stored.isBlank() && !stored.trim().equals(digest)) {
            throw new DigestMismatchException(what + ": registry stored " + stored.trim() + " for the bytes of " + digest);
        }
        return digest;
    }

    /**
     * One write request with a push token, renewed once when the registry answers 401 (expired, or a token cached
     * before push was granted). A 401 or 403 after that is {@link RegistryAccessDeniedException}.
     */
    private RegistryHttp.Response send(RegistryRepository repository, RegistryCredentials credentials, HttpMethod method, URI uri,
                                       String accept, RegistryHttp.Body body, String what) {
        String token = pushToken(repository, credentials);
        RegistryHttp.Response response = http.exchange(method, uri, accept, bearer(token), body, what);
        if (response.status() == 401) {
            if (token != null) {
                pushTokens.evict(repository, credentials, token);
            }
            challenge = null;
            token = pushToken(repository, credentials);
            response = http.exchange(method, uri, accept, bearer(token), body, what);
        }
        if (response.status() == 401 || response.status() == 403) {
            throw new RegistryAccessDeniedException(what + " denied (" + http.describe(response) + ") for " + credentials
                    + ": pushing needs a GitHub token with write:packages and a write or admin role on the package");
        }
        return response;
    }

    /** A cached push token, or a new one from the realm the registry's challenge names; {@code null} if it needs none. */
    private String pushToken(RegistryRepository repository, RegistryCredentials credentials) {
        String cached = pushTokens.get(repository, credentials);
        if (cached != null) {
            return cached;
        }
        Optional<AuthChallenge> known = challenge;
        if (known == null) {
            known = probe();
            challenge = known;
        }
        if (known.isEmpty()) {
            return null;
        }
        String what = "push token for " + repository;
        RegistryHttp.Response response = http.requestToken(known.get(), repository, credentials, "repository:" + repository.path() + ":pull,push");
        if (response.status() == 401 || response.status() == 403) {
            throw new RegistryAccessDeniedException(what + " denied (" + response.status() + ") as " + credentials);
        }
        if (!response.ok()) {
            throw http.failure(response, what);
        }
        RegistryHttp.TokenGrant grant = http.parseToken(response);
        if (grant == null) {
            throw new RegistryException("token endpoint answered a " + what + " without a token");
        }
        pushTokens.put(repository, credentials, grant.token(), grant.lifetime());
        return grant.token();
    }

    /** {@code GET /v2/}: a registry with token auth answers 401 with the realm to ask; an open one answers 200. */
    private Optional<AuthChallenge> probe() {
        String what = "registry " + properties.url().getHost();
        RegistryHttp.Response response = http.exchange(HttpMethod.GET, registryUri("/v2/"), "application/json", null, what);
        if (response.ok()) {
            return Optional.empty();
        }
        if (response.status() != 401) {
            throw http.failure(response, what);
        }
        return Optional.of(http.bearerChallenge(response, what));
    }

    private static String bearer(String token) {
        return token == null ? null : "Bearer " + token;
    }

    private URI registryUri(String path) {
        String base = properties.url().toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }

    private static void requireTag(String tag) {
        if (tag == null || !TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException("not a tag: " + tag);
        }
    }
}
