package dev.ghcrdashboard.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.ghcrdashboard.caching.CacheStatistics;

/** The registry client against a real distribution registry holding what buildx and cosign push. */
class RegistryClientRealRegistryTest {

    private static final RegistryRepository APP = new RegistryRepository("Acme", "app");
    private static final RegistryRepository NESTED = new RegistryRepository("acme", "tools/cli");
    private static final RegistryCredentials ANONYMOUS = RegistryCredentials.anonymous();

    private static RealRegistry registry;
    private static OciPusher.MultiArchImage app;
    private static OciPusher.MultiArchImage nested;
    private static OciPusher.Pushed signature;
    private static OciPusher.Pushed referrer;
    private static OciPusher.Pushed referrersIndex;
    private static OciPusher.Pushed nestedSignature;
    private static OciPusher.Pushed nestedReferrer;

    @TempDir
    Path dataDir;

    private final RequestLog requests = new RequestLog();
    private RegistryClient client;

    @BeforeAll
    static void pushContent() {
        registry = RealRegistry.start();
        OciPusher pusher = new OciPusher(registry.url());
        app = pusher.pushMultiArchImage(APP.path(), "1.0");
        signature = pusher.pushCosignSignature(APP.path(), app.index().digest());
        OciPusher.Pushed[] pushedReferrer = pusher.pushReferrer(APP.path(), app.index());
        referrer = pushedReferrer[0];
        referrersIndex = pushedReferrer[1];
        nested = pusher.pushMultiArchImage(NESTED.path(), "v2");
        nestedSignature = pusher.pushCosignSignature(NESTED.path(), nested.index().digest());
        nestedReferrer = pusher.pushReferrer(NESTED.path(), nested.amd64().manifest())[0];
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @BeforeEach
    void newClient() {
        client = newClient(requests.builder());
    }

    private RegistryClient newClient(WebClient.Builder builder) {
        return new RegistryClient(builder, RegistryProperties.forUrl(registry.url()), CacheDatabase.open(dataDir), new CacheStatistics(), Clock.systemUTC());
    }

    @Test
    void readsAMultiArchIndexWithItsPlatformsAndAttestations() {
        String indexDigest = client.resolveTag(APP, "1.0", ANONYMOUS).orElseThrow();
        assertThat(indexDigest).isEqualTo(app.index().digest());

        ManifestDocument index = client.manifest(APP, indexDigest, ANONYMOUS);

        assertThat(index.isIndex()).isTrue();
        assertThat(index.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
        assertThat(index.raw()).isEqualTo(app.index().bytes());
        assertThat(index.annotations()).containsEntry("org.opencontainers.image.source", OciPusher.SOURCE);
        assertThat(index.manifests()).extracting(d -> d.platform().toString())
                .containsExactly("linux/amd64", "linux/arm64/v8", "unknown/unknown", "unknown/unknown");
        assertThat(index.manifests()).extracting(Descriptor::digest).containsExactly(
                app.amd64().manifest().digest(), app.arm64().manifest().digest(), app.amd64Attestation().digest(), app.arm64Attestation().digest());
        Descriptor attestation = index.manifests().get(2);
        assertThat(attestation.platform().unknown()).isTrue();
        assertThat(attestation.annotations()).isEqualTo(OciPusher.attestationAnnotations(app.amd64().manifest().digest()));
        assertThat(attestation.size()).isEqualTo(app.amd64Attestation().size());
    }

    @Test
    void readsPlatformManifestSizesAndTheirImageConfig() {
        ManifestDocument arm64 = client.manifest(APP, app.arm64().manifest().digest(), ANONYMOUS);

        assertThat(arm64.isIndex()).isFalse();
        assertThat(arm64.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(arm64.compressedSize()).isEqualTo(app.arm64().compressedSize()).isPositive();
        assertThat(arm64.config().digest()).isEqualTo(app.arm64().config().digest());

        ImageConfig config = client.config(APP, arm64, ANONYMOUS);
        assertThat(config.platform()).isEqualTo(new Platform("linux", "arm64", "v8"));
        assertThat(config.created()).isEqualTo(Instant.parse(OciPusher.CREATED));
        assertThat(config.labels()).containsEntry("org.opencontainers.image.source", OciPusher.SOURCE);

        requests.clear();
        assertThat(client.config(APP, arm64, ANONYMOUS)).isEqualTo(config);
        assertThat(requests.all()).as("config blobs are immutable, read once").isEmpty();
    }

    @Test
    void readsAttestationManifestLayers() {
        ManifestDocument attestation = client.manifest(APP, app.amd64Attestation().digest(), ANONYMOUS);

        assertThat(attestation.layers()).singleElement().satisfies(layer -> {
            assertThat(layer.mediaType()).isEqualTo(MediaTypes.IN_TOTO);
            assertThat(layer.annotations()).containsEntry("in-toto.io/predicate-type", OciPusher.SLSA_PROVENANCE);
        });
    }

    @Test
    void findsCosignSignatureAndOciReferrerThroughTheTagSchema() {
        String hex = OciPusher.hex(app.index().digest());

        String signatureDigest = client.resolveTag(APP, "sha256-" + hex + ".sig", ANONYMOUS).orElseThrow();
        ManifestDocument sig = client.manifest(APP, signatureDigest, ANONYMOUS);
        assertThat(signatureDigest).isEqualTo(signature.digest());
        assertThat(sig.layers()).extracting(Descriptor::mediaType).containsExactly(MediaTypes.COSIGN_SIMPLESIGNING);
        assertThat(sig.layers().get(0).annotations()).containsKey("dev.cosignproject.cosign/signature");

        String referrersDigest = client.resolveTag(APP, "sha256-" + hex, ANONYMOUS).orElseThrow();
        ManifestDocument referrers = client.manifest(APP, referrersDigest, ANONYMOUS);
        assertThat(referrersDigest).isEqualTo(referrersIndex.digest());
        assertThat(referrers.manifests()).singleElement().satisfies(entry -> {
            assertThat(entry.digest()).isEqualTo(referrer.digest());
            assertThat(entry.artifactType()).isEqualTo(MediaTypes.SIGSTORE_BUNDLE);
        });

        ManifestDocument bundle = client.manifest(APP, referrer.digest(), ANONYMOUS);
        assertThat(bundle.artifactType()).isEqualTo(MediaTypes.SIGSTORE_BUNDLE);
        assertThat(bundle.subject().digest()).isEqualTo(app.index().digest());
        assertThat(bundle.subject().mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
        assertThat(bundle.subject().size()).isEqualTo(app.index().size());
        assertThat(bundle.config().mediaType()).isEqualTo(OciPusher.OCI_EMPTY);
        assertThat(bundle.annotations()).containsEntry("dev.sigstore.bundle.predicateType", "https://sigstore.dev/cosign/sign/v1");
    }

    @Test
    void listsTags() {
        String hex = OciPusher.hex(app.index().digest());

        assertThat(client.tags(APP, ANONYMOUS)).containsExactlyInAnyOrder("1.0", "sha256-" + hex, "sha256-" + hex + ".sig");
        assertThat(client.tags(NESTED, ANONYMOUS)).containsExactlyInAnyOrder("v2", "sha256-" + OciPusher.hex(nested.index().digest()) + ".sig",
                "sha256-" + OciPusher.hex(nested.amd64().manifest().digest()));
    }

    @Test
    void readsNestedRepositoriesByTheirRawPath() {
        String digest = client.resolveTag(NESTED, "v2", ANONYMOUS).orElseThrow();
        ManifestDocument index = client.manifest(NESTED, digest, ANONYMOUS);

        assertThat(digest).isEqualTo(nested.index().digest());
        assertThat(index.manifests()).hasSize(4);
        String signatureDigest = client.resolveTag(NESTED, "sha256-" + OciPusher.hex(digest) + ".sig", ANONYMOUS).orElseThrow();
        assertThat(signatureDigest).isEqualTo(nestedSignature.digest());
        String referrers = client.resolveTag(NESTED, "sha256-" + OciPusher.hex(nested.amd64().manifest().digest()), ANONYMOUS).orElseThrow();
        ManifestDocument referrer = client.manifest(NESTED, client.manifest(NESTED, referrers, ANONYMOUS).manifests().get(0).digest(), ANONYMOUS);
        assertThat(referrer.digest()).isEqualTo(nestedReferrer.digest());
        assertThat(referrer.subject().digest()).isEqualTo(nested.amd64().manifest().digest());
        assertThat(referrer.subject().mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(requests.all()).allSatisfy(request -> assertThat(request).contains("/v2/acme/tools/cli/"));
    }

    @Test
    void missingThingsAreNotFound() {
        String absent = OciPusher.sha256("never pushed".getBytes());

        assertThat(client.resolveTag(APP, "no-such-tag", ANONYMOUS)).isEmpty();
        assertThatThrownBy(() -> client.manifest(APP, absent, ANONYMOUS))
                .isInstanceOf(RegistryNotFoundException.class)
                .hasMessageContaining(absent);
        assertThatThrownBy(() -> client.tags(new RegistryRepository("acme", "nothing-here"), ANONYMOUS))
                .isInstanceOf(RegistryNotFoundException.class);
    }

    @Test
    void fetchesADigestOnceEvenAcrossARestart() {
        String digest = app.amd64().manifest().digest();

        ManifestDocument first = client.manifest(APP, digest, ANONYMOUS);
        ManifestDocument second = client.manifest(APP, digest, ANONYMOUS);
        assertThat(second.raw()).isEqualTo(first.raw());
        assertThat(requests.count("GET", "/manifests/" + digest)).isEqualTo(1);

        RequestLog afterRestart = new RequestLog();
        RegistryClient restarted = newClient(afterRestart.builder());
        ManifestDocument third = restarted.manifest(APP, digest, ANONYMOUS);

        assertThat(third.raw()).isEqualTo(app.amd64().manifest().bytes());
        assertThat(third.compressedSize()).isEqualTo(app.amd64().compressedSize());
        assertThat(afterRestart.all()).as("served from the database after a restart").isEmpty();
    }

    @Test
    void bulkReadFetchesOnlyWhatIsNotStoredAndReportsFailuresPerDigest() {
        client.manifest(APP, app.index().digest(), ANONYMOUS);
        requests.clear();
        String absent = OciPusher.sha256("not in the registry".getBytes());
        List<String> digests = List.of(app.index().digest(), app.amd64().manifest().digest(), app.arm64().manifest().digest(),
                app.amd64Attestation().digest(), app.arm64Attestation().digest(), absent);

        ManifestBatch batch = client.manifests(APP, digests, ANONYMOUS);

        assertThat(batch.manifests()).containsOnlyKeys(digests.subList(0, 5));
        assertThat(batch.manifests().get(app.arm64Attestation().digest()).raw()).isEqualTo(app.arm64Attestation().bytes());
        assertThat(batch.failures()).containsOnlyKeys(absent);
        assertThat(batch.failures().get(absent)).isInstanceOf(RegistryNotFoundException.class);
        assertThat(requests.count("GET", "/manifests/" + app.index().digest())).isZero();
        assertThat(requests.count("GET")).isEqualTo(5);

        requests.clear();
        assertThat(client.manifests(APP, digests.subList(0, 5), ANONYMOUS).manifests()).hasSize(5);
        assertThat(requests.all()).isEmpty();
    }

    @Test
    void concurrentRequestsForOneDigestShareOneFetch() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        RequestLog log = new RequestLog();
        WebClient.Builder gated = log.builder().filter(ExchangeFilterFunction.ofRequestProcessor(request -> Mono.fromCallable(() -> {
            release.await();
            return request;
        }).subscribeOn(Schedulers.boundedElastic())));
        RegistryClient gatedClient = newClient(gated);
        String digest = app.arm64().manifest().digest();
        int callers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Thread> threads = new ArrayList<>();
            List<Future<ManifestDocument>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    synchronized (threads) {
                        threads.add(Thread.currentThread());
                    }
                    return gatedClient.manifest(APP, digest, ANONYMOUS);
                }));
            }
            awaitAllWaiting(threads, callers);
            release.countDown();
            for (Future<ManifestDocument> result : results) {
                assertThat(result.get().digest()).isEqualTo(digest);
            }
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertThat(log.count("GET", "/manifests/" + digest)).isEqualTo(1);
    }

    /** Every caller is parked: either inside the one gated fetch or waiting for it (or, without single-flight, in its own). */
    private static void awaitAllWaiting(List<Thread> threads, int expected) throws InterruptedException {
        while (true) {
            synchronized (threads) {
                if (threads.size() == expected && threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING)) {
                    return;
                }
            }
            Thread.sleep(10);
        }
    }

    @Test
    void proofOnAnOpenRegistryIsPullable() {
        AnonymousPullProof proof = client.proveAnonymousPull(APP, "1.0");

        assertThat(proof.pullable()).isTrue();
        assertThat(client.proveAnonymousPull(APP, "missing").pullable()).isFalse();
    }

    @Test
    void everyManifestRequestAcceptsAllManifestTypes() {
        List<String> accepts = new java.util.concurrent.CopyOnWriteArrayList<>();
        WebClient.Builder builder = WebClient.builder().filter(ExchangeFilterFunction.ofRequestProcessor(request -> {
            if (request.url().getPath().contains("/manifests/")) {
                accepts.add(String.valueOf(request.headers().getFirst("Accept")));
            }
            return Mono.just(request);
        }));
        RegistryClient watched = newClient(builder);

        watched.resolveTag(APP, "1.0", ANONYMOUS);
        watched.manifest(APP, app.index().digest(), ANONYMOUS);
        watched.manifests(APP, List.of(app.amd64().manifest().digest()), ANONYMOUS);
        watched.proveAnonymousPull(APP, "1.0");

        assertThat(accepts).hasSize(4).containsOnly(MediaTypes.MANIFEST_ACCEPT);
    }
}
