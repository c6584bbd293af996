package dev.ghcrdashboard.registry;

import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.ghcrdashboard.caching.CacheStatistics;
import dev.ghcrdashboard.github.LinkHeader;

/**
 * Reads ghcr.io (or any OCI distribution registry) the way the dashboard needs: manifests by digest,
 * tags, config blobs and anonymous-pull proofs.
 *
 * <p>Every manifest GET on ghcr.io counts as a download, and manifests never change, so a manifest is
 * fetched at most once ever: verified bytes are kept in the database by digest and read from there;
 * concurrent requests for the same digest in this JVM share one fetch. Bytes whose sha256 does not match
 * the requested digest are rejected with {@link DigestMismatchException} and never stored.
 *
 * <p>The cache is shared by everyone using the dashboard and does not re-check access: a manifest read
 * once by one user is served from the database to the next. Callers ask only for repositories the user
 * may read (as the packages REST listing shows them); {@link #proveAnonymousPull} never uses the cache.
 *
 * <p>Failures: {@link RegistryAccessDeniedException} (401/403 even with a token),
 * {@link RegistryNotFoundException} (404, {@code MANIFEST_UNKNOWN}), {@link RegistryUnavailableException}
 * (5xx, 429, timeouts after retries), {@link DigestMismatchException}; all are {@link RegistryException}s.
 */
@Component
public class RegistryClient implements DisposableBean, MeterBinder {

    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
    private static final int MAX_TAG_PAGES = 10_000;

    private final RegistryProperties properties;
    private final RegistryHttp http;
    private final ContentStore manifests;
    private final ContentStore configs;
    private final ManifestParser parser;
    private final JsonMapper json;
    private final Clock clock;
    private final SingleFlight<ManifestDocument> manifestFetches;
    private final SingleFlight<ImageConfig> configFetches;
    /**
     * Runs the blocking manifest fetches of bulk reads. Its thread cap is {@code concurrency}, so that is
     * the most manifest GETs in flight from this dashboard at any time, however many packages are being
     * analysed at once; Reactor's shared boundedElastic would cap them at 10 per core instead (20 on a
     * 2-core host, too few to read 10,000 manifests in 30 s at 50 ms each) and share them with others.
     */
    private final Scheduler fetchThreads;
    /** Manifests and config blobs fetched from the registry (each one is a download on ghcr: fetched once, ever). */
    private final LongAdder manifestsFetched = new LongAdder();
    private final LongAdder configsFetched = new LongAdder();

    public RegistryClient(WebClient.Builder webClientBuilder, RegistryProperties properties, JdbcClient jdbc,
                          CacheStatistics caches, Clock clock) {
        JsonMapper json = JsonMapper.builder().build();
        this.properties = properties;
        this.http = new RegistryHttp(webClientBuilder, properties, new TokenCache(clock, caches), caches, json);
        this.manifestFetches = new SingleFlight<>("registry.manifest-fetches", caches);
        this.configFetches = new SingleFlight<>("registry.config-fetches", caches);
        this.manifests = ContentStore.manifests(jdbc, clock);
        this.configs = ContentStore.configBlobs(jdbc, clock);
        this.parser = new ManifestParser(json);
        this.json = json;
        this.clock = clock;
        this.fetchThreads = Schedulers.newBoundedElastic(properties.concurrency(), Schedulers.DEFAULT_BOUNDED_ELASTIC_QUEUESIZE,
                "registry-fetch", 60, true);
    }

    /** {@code ghcr.registry.fetches{kind=manifest|config}}: documents read from the registry, not from the database. */
    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("ghcr.registry.fetches", manifestsFetched, LongAdder::doubleValue)
                .description("Manifests and config blobs fetched from the registry (each a download on ghcr.io)")
                .tag("kind", "manifest").register(registry);
        FunctionCounter.builder("ghcr.registry.fetches", configsFetched, LongAdder::doubleValue)
                .description("Manifests and config blobs fetched from the registry (each a download on ghcr.io)")
                .tag("kind", "config").register(registry);
    }

    @Override
    public void destroy() {
        fetchThreads.dispose();
        http.close();
    }

    /** The HTTP plumbing (connections, retries, token requests), shared with {@link RegistryWriter}. */
    RegistryHttp http() {
        return http;
    }

    /** The manifest with this digest: from the database if it was ever read, else fetched once and stored. */
    public ManifestDocument manifest(RegistryRepository repository, String digest, RegistryCredentials credentials) {
        requireDigest(digest);
        return manifests.find(digest)
                .map(content -> parser.manifest(content.digest(), content.mediaType(), content.bytes()))
                .orElseGet(() -> fetchManifestOnce(repository, digest, credentials));
    }

    /**
     * Opens a bulk read of manifests of {@code repository} (see {@link ManifestReads}). When the registry's
     * token can be had without meeting its challenge first, it is obtained here, before anything fans out.
     */
    public ManifestReads reads(RegistryRepository repository, RegistryCredentials credentials) {
        boolean upFront = http.canAuthenticateUpFront(repository, credentials);
        if (upFront) {
            try {
                http.tokenBeforeSending(repository, credentials);
            } catch (RegistryException refused) {
                // Each fetch meets the same refusal and reports it for its own digest.
            }
        }
        return new ManifestReads(this, repository, credentials, upFront);
    }

    int bulkConcurrency() {
        return properties.concurrency();
    }

    Set<String> storedManifestDigests(Collection<String> digests) {
        digests.forEach(RegistryClient::requireDigest);
        return manifests.present(digests);
    }

    List<ManifestDocument> storedManifests(Collection<String> digests) {
        Set<String> wanted = new LinkedHashSet<>(digests);
        wanted.forEach(RegistryClient::requireDigest);
        return manifests.findAll(wanted).values().stream()
                .map(content -> parser.manifest(content.digest(), content.mediaType(), content.bytes()))
                .toList();
    }

    /**
     * A fetch on the bulk threads; what it fetches joins the next batch written to the database. The caller
     * looked in the database just before ({@link ManifestReads#stored}), so only content fetched meanwhile and
     * still waiting for its batch is looked for: a query per manifest kept 48 threads queueing for connections.
     */
    CompletableFuture<ManifestDocument> fetchForBulkRead(RegistryRepository repository, String digest, RegistryCredentials credentials) {
        return Mono.fromCallable(() -> manifestFetches.run(digest, () -> manifests.waiting(digest)
                        .map(content -> parser.manifest(content.digest(), content.mediaType(), content.bytes()))
                        .orElseGet(() -> fetchManifest(repository, digest, credentials, true))))
                .subscribeOn(fetchThreads)
                .toFuture();
    }

    void flushStoredManifests() {
        manifests.flush();
    }

    /**
     * The digest a tag points to, from a manifest HEAD (which does not count as a download), or empty
     * when the tag does not exist.
     */
    public Optional<String> resolveTag(RegistryRepository repository, String tag, RegistryCredentials credentials) {
        requireTag(tag);
        String what = "tag " + repository + ":" + tag;
        RegistryHttp.Response head = http.send(repository, credentials, HttpMethod.HEAD, manifestUri(repository, tag), MediaTypes.MANIFEST_ACCEPT, what);
        if (head.status() == 404) {
            return Optional.empty();
        }
        if (!head.ok()) {
            throw http.failure(head, what);
        }
        String digest = head.header("Docker-Content-Digest");
        if (isDigest(digest)) {
            return Optional.of(digest);
        }
        // Registries may omit the header on HEAD; the GET that settles it is then kept, so it is not wasted.
        RegistryHttp.Response get = http.send(repository, credentials, HttpMethod.GET, manifestUri(repository, tag), MediaTypes.MANIFEST_ACCEPT, what);
        if (get.status() == 404) {
            return Optional.empty();
        }
        if (!get.ok()) {
            throw http.failure(get, what);
        }
        String computed = sha256(get.body());
        verify(computed, get.header("Docker-Content-Digest"), get.body(), what);
        storeManifest(computed, get, false);
        return Optional.of(computed);
    }

    /** The image config of an image manifest (created, platform, labels); cached by digest like manifests. */
    public ImageConfig config(RegistryRepository repository, ManifestDocument manifest, RegistryCredentials credentials) {
        Descriptor descriptor = manifest.config();
        if (descriptor == null || descriptor.digest() == null) {
            throw new IllegalArgumentException("manifest " + manifest.digest() + " has no config (an index?)");
        }
        String digest = descriptor.digest();
        requireDigest(digest);
        Optional<ContentStore.Content> stored = configs.find(digest);
        if (stored.isPresent()) {
            return parser.config(digest, stored.get().bytes());
        }
        if (descriptor.size() > properties.maxDocumentSize()) {
            throw new RegistryException("config blob " + digest + " is " + descriptor.size() + " bytes, more than " + properties.maxDocumentSize());
        }
        return configFetches.run(digest, () -> configs.find(digest)
                .map(content -> parser.config(digest, content.bytes()))
                .orElseGet(() -> fetchConfig(repository, descriptor, credentials)));
    }

    /** Every tag of the repository, following {@code Link rel="next"} pages. */
    public List<String> tags(RegistryRepository repository, RegistryCredentials credentials) {
        Set<String> tags = new LinkedHashSet<>();
        Set<URI> visited = new HashSet<>();
        URI page = registryUri("/v2/" + repository.path() + "/tags/list");
        String what = "tags of " + repository;
        while (page != null && visited.add(page) && visited.size() <= MAX_TAG_PAGES) {
            RegistryHttp.Response response = http.send(repository, credentials, HttpMethod.GET, page, "application/json", what);
            if (!response.ok()) {
                throw http.failure(response, what);
            }
            try {
                JsonNode body = json.readTree(response.body());
                for (JsonNode tag : body.path("tags")) {
                    tags.add(tag.asString());
                }
            } catch (JacksonException e) {
                throw new RegistryException(what + ": tag list is not JSON");
            }
            page = nextPage(page, response.headers());
        }
        return List.copyOf(tags);
    }

    /**
     * Pulls the manifest as an anonymous stranger would: a fresh anonymous token (never a cached one,
     * visibility may just have changed) and a manifest HEAD. A registry that cannot be reached is not
     * proof either way, so that is {@link RegistryUnavailableException}, not {@code pullable=false}.
     */
    public AnonymousPullProof proveAnonymousPull(RegistryRepository repository, String reference) {
        if (!isDigest(reference)) {
            requireTag(reference);
        }
        URI uri = manifestUri(repository, reference);
        String what = "anonymous pull of " + repository + "@" + reference;
        RegistryHttp.Response first = http.exchange(HttpMethod.HEAD, uri, MediaTypes.MANIFEST_ACCEPT, null, what);
        if (first.ok()) {
            return proof(true, "manifest HEAD succeeded without a token");
        }
        if (first.status() != 401) {
            return proof(false, headOutcome(first, "without a token"));
        }
        AuthChallenge challenge;
        try {
            challenge = http.bearerChallenge(first, what);
        } catch (RegistryAccessDeniedException e) {
            return proof(false, "manifest HEAD denied (401) without a Bearer challenge");
        }
        RegistryHttp.Response tokenResponse = http.requestToken(challenge, repository, RegistryCredentials.anonymous(),
                "repository:" + repository.path() + ":pull");
        if (!tokenResponse.ok()) {
            return proof(false, "token denied (" + tokenResponse.status() + ")");
        }
        RegistryHttp.TokenGrant grant = http.parseToken(tokenResponse);
        if (grant == null) {
            return proof(false, "token endpoint answered without a token");
        }
        RegistryHttp.Response second = http.exchange(HttpMethod.HEAD, uri, MediaTypes.MANIFEST_ACCEPT, "Bearer " + grant.token(), what);
        if (second.ok()) {
            return proof(true, "anonymous token and manifest HEAD succeeded");
        }
        return proof(false, headOutcome(second, "with an anonymous token"));
    }

    private String headOutcome(RegistryHttp.Response response, String how) {
        return (response.status() == 404 ? "manifest not found (" : "manifest HEAD denied (") + response.status() + ") " + how;
    }

    private AnonymousPullProof proof(boolean pullable, String detail) {
        return new AnonymousPullProof(pullable, detail, Instant.now(clock));
    }

    private ManifestDocument fetchManifestOnce(RegistryRepository repository, String digest, RegistryCredentials credentials) {
        return manifestFetches.run(digest, () -> manifests.find(digest)
                .map(content -> parser.manifest(content.digest(), content.mediaType(), content.bytes()))
                .orElseGet(() -> fetchManifest(repository, digest, credentials, false)));
    }

    private ManifestDocument fetchManifest(RegistryRepository repository, String digest, RegistryCredentials credentials,
                                           boolean batched) {
        String what = "manifest " + repository + "@" + digest;
        RegistryHttp.Response response = http.send(repository, credentials, HttpMethod.GET, manifestUri(repository, digest), MediaTypes.MANIFEST_ACCEPT, what);
        if (!response.ok()) {
            throw http.failure(response, what);
        }
        verify(digest, response.header("Docker-Content-Digest"), response.body(), what);
        manifestsFetched.increment();
        return storeManifest(digest, response, batched);
    }

    /** Parses before storing, so bytes that are not a manifest never enter the cache. */
    private ManifestDocument storeManifest(String digest, RegistryHttp.Response response, boolean batched) {
        String contentType = mediaTypeOf(response.header(HttpHeaders.CONTENT_TYPE));
        ManifestDocument document = parser.manifest(digest, contentType, response.body());
        if (document.mediaType() == null) {
            throw new RegistryException("manifest " + digest + " has no media type");
        }
        var content = new ContentStore.Content(digest, document.mediaType(), response.body());
        if (batched) {
            manifests.saveLater(content);
        } else {
            manifests.save(content);
        }
        return document;
    }

    private ImageConfig fetchConfig(RegistryRepository repository, Descriptor descriptor, RegistryCredentials credentials) {
        String digest = descriptor.digest();
        String what = "config blob " + repository + "@" + digest;
        URI uri = registryUri("/v2/" + repository.path() + "/blobs/" + digest);
        String accept = descriptor.mediaType() == null ? "*/*" : descriptor.mediaType() + ", */*";
        RegistryHttp.Response response = http.send(repository, credentials, HttpMethod.GET, uri, accept, what);
        if (!response.ok()) {
            throw http.failure(response, what);
        }
        verify(digest, response.header("Docker-Content-Digest"), response.body(), what);
        configsFetched.increment();
        String mediaType = descriptor.mediaType() != null ? descriptor.mediaType() : "application/octet-stream";
        configs.save(new ContentStore.Content(digest, mediaType, response.body()));
        return parser.config(digest, response.body());
    }

    /** The requested digest, the registry's claim and the bytes themselves must all agree. */
    private static void verify(String requested, String claimed, byte[] body, String what) {
        if (claimed != null && !claimed.isBlank() && !claimed.trim().equals(requested)) {
            throw new DigestMismatchException(what + ": registry sent Docker-Content-Digest " + claimed.trim() + " for " + requested);
        }
        String actual = digestOf(requested, body);
        if (!actual.equals(requested)) {
            throw new DigestMismatchException(what + ": body hashes to " + actual + ", not " + requested);
        }
    }

    private static String digestOf(String like, byte[] body) {
        return like.startsWith("sha512:") ? hash("SHA-512", "sha512:", body) : sha256(body);
    }

    static String sha256(byte[] body) {
        return hash("SHA-256", "sha256:", body);
    }

    private static String hash(String algorithm, String prefix, byte[] body) {
        try {
            return prefix + java.util.HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JRE", e);
        }
    }

    private static String mediaTypeOf(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
    }

    private URI nextPage(URI current, HttpHeaders headers) {
        Optional<URI> link = LinkHeader.parse(String.join(", ", headers.getOrEmpty(HttpHeaders.LINK))).next();
        if (link.isEmpty()) {
            return null;
        }
        URI next = current.resolve(link.get());
        if (!RegistryHttp.sameOrigin(properties.url(), next)) {
            throw new RegistryException("tag list of " + current.getPath() + " links to another host: " + next.getHost());
        }
        return next;
    }

    private URI manifestUri(RegistryRepository repository, String reference) {
        return registryUri("/v2/" + repository.path() + "/manifests/" + reference);
    }

    private URI registryUri(String path) {
        String base = properties.url().toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }

    static void requireDigest(String digest) {
        if (!isDigest(digest)) {
            throw new IllegalArgumentException("not a sha256/sha512 digest: " + digest);
        }
    }

    /**
     * {@code sha256:} and 64, or {@code sha512:} and 128, lower-case hex digits. Checked by hand rather than with a
     * regular expression: it runs for every version of a package an analysis looks up, and showed in its profile.
     */
    static boolean isDigest(String digest) {
        if (digest == null) {
            return false;
        }
        int hexDigits = digest.startsWith("sha256:") ? 64 : digest.startsWith("sha512:") ? 128 : -1;
        int prefix = "sha256:".length(); // the same for sha512:
        if (hexDigits < 0 || digest.length() != prefix + hexDigits) {
            return false;
        }
        for (int i = prefix; i < digest.length(); i++) {
            char c = digest.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static void requireTag(String tag) {
        if (tag == null || !TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException("not a tag: " + tag);
        }
    }
}
