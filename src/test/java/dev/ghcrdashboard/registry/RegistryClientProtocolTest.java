package dev.ghcrdashboard.registry;

import dev.ghcrdashboard.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.reactive.function.client.WebClient;

import dev.ghcrdashboard.github.AccessToken;
import dev.ghcrdashboard.caching.CacheStatistics;

/** Protocol corners against a hand-written server: challenges, token caching, verification, retries, redirects. */
class RegistryClientProtocolTest {

    private static final String GITHUB_TOKEN = "gho_SuperSecretGitHubToken";
    private static final String REGISTRY_TOKEN = "registry-token-that-must-not-leak";
    private static final RegistryRepository APP = new RegistryRepository("acme", "app");
    private static final RegistryCredentials OCTOCAT = RegistryCredentials.user("octocat", new AccessToken(GITHUB_TOKEN));
    private static final byte[] MANIFEST = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
            + "\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:" + "a".repeat(64)
            + "\",\"size\":7},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
    private static final String DIGEST = OciPusher.sha256(MANIFEST);

    private final StubServer registry = new StubServer();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T08:00:00Z"));
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private JdbcClient jdbc;
    private RegistryClient client;

    @BeforeEach
    void setUp() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        CacheDatabase.migrate(dataSource);
        jdbc = JdbcClient.create(dataSource);
        client = clientWith(RegistryProperties.forUrl(registry.url()).withRetryBackoff(Duration.ofMillis(1)));
    }

    private RegistryClient clientWith(RegistryProperties properties) {
        return new RegistryClient(WebClient.builder(), properties, jdbc, new CacheStatistics(), clock);
    }

    @AfterEach
    void tearDown() {
        registry.close();
    }

    /** Manifests need {@code Bearer REGISTRY_TOKEN}; the token endpoint issues it to anyone. */
    private void requireBearerToken(String tokenResponse) {
        String challenge = "Bearer realm=\"" + registry.url() + "/token\",service=\"stub.test\",scope=\"repository:acme/app:pull,push\"";
        registry.on("/v2/acme/app/manifests/", request -> ("Bearer " + REGISTRY_TOKEN).equals(request.header("Authorization"))
                ? manifestReply(MANIFEST, DIGEST)
                : StubServer.Reply.of(401, Map.of("WWW-Authenticate", challenge), "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}"));
        registry.on("/token", request -> {
            tokensIssued.incrementAndGet();
            return StubServer.Reply.of(200, Map.of("Content-Type", "application/json"), tokenResponse);
        });
    }

    private static StubServer.Reply manifestReply(byte[] body, String digestHeader) {
        return new StubServer.Reply(200, Map.of("Content-Type", MediaTypes.OCI_MANIFEST, "Docker-Content-Digest", digestHeader), body);
    }

    @Test
    void answersTheChallengeWithBasicCredentialsAndRetriesWithTheBearerToken() {
        requireBearerToken("{\"token\":\"" + REGISTRY_TOKEN + "\",\"expires_in\":300}");

        ManifestDocument manifest = client.manifest(APP, DIGEST, OCTOCAT);

        assertThat(manifest.raw()).isEqualTo(MANIFEST);
        StubServer.Request tokenRequest = registry.requests("/token").get(0);
        assertThat(tokenRequest.header("Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString(("octocat:" + GITHUB_TOKEN).getBytes(StandardCharsets.UTF_8)));
        assertThat(URLDecoder.decode(tokenRequest.query(), StandardCharsets.UTF_8))
                .contains("service=stub.test").contains("scope=repository:acme/app:pull,push");
        assertThat(registry.requests("/v2/")).extracting(r -> r.header("Authorization")).containsExactly(null, "Bearer " + REGISTRY_TOKEN);
        assertThat(registry.requests("/v2/")).allSatisfy(r -> assertThat(r.header("Accept")).isEqualTo(MediaTypes.MANIFEST_ACCEPT));
    }

    @Test
    void cachesTokensPerRepositoryAndIdentityUntilTheyExpire() {
        requireBearerToken("{\"token\":\"" + REGISTRY_TOKEN + "\",\"expires_in\":300}");

        client.resolveTag(APP, "1.0", OCTOCAT);
        client.resolveTag(APP, "2.0", OCTOCAT);
        assertThat(tokensIssued).as("one token for the same repository and user").hasValue(1);

        client.resolveTag(APP, "1.0", RegistryCredentials.user("hubot", new AccessToken("gho_other")));
        client.resolveTag(APP, "1.0", RegistryCredentials.user("octocat", new AccessToken("gho_rotated")));
        assertThat(tokensIssued).as("another identity never reuses a token").hasValue(3);

        clock.advance(Duration.ofSeconds(301));
        client.resolveTag(APP, "1.0", OCTOCAT);
        assertThat(tokensIssued).as("an expired token is replaced").hasValue(4);
    }

    @Test
    void aBulkReadMeetingTheChallengeConcurrentlyAsksForOneToken() {
        List<byte[]> bodies = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            bodies.add(("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"layers\":[],\"annotations\":{\"n\":\"" + i + "\"}}")
                    .getBytes(StandardCharsets.UTF_8));
        }
        Map<String, byte[]> byDigest = new java.util.HashMap<>();
        bodies.forEach(body -> byDigest.put(OciPusher.sha256(body), body));
        String challenge = "Bearer realm=\"" + registry.url() + "/token\",service=\"stub.test\",scope=\"repository:acme/app:pull\"";
        registry.on("/v2/acme/app/manifests/", request -> {
            if (!("Bearer " + REGISTRY_TOKEN).equals(request.header("Authorization"))) {
                return StubServer.Reply.of(401, Map.of("WWW-Authenticate", challenge), "");
            }
            String digest = request.path().substring(request.path().lastIndexOf('/') + 1);
            return manifestReply(byDigest.get(digest), digest);
        });
        registry.on("/token", request -> {
            tokensIssued.incrementAndGet();
            Thread.sleep(100);
            return StubServer.Reply.of(200, Map.of(), "{\"token\":\"" + REGISTRY_TOKEN + "\"}");
        });

        ManifestBatch batch = client.manifests(APP, byDigest.keySet(), OCTOCAT);

        assertThat(batch.complete()).as(String.valueOf(batch.failures())).isTrue();
        assertThat(batch.manifests()).hasSize(12);
        assertThat(tokensIssued).hasValue(1);
    }

    @Test
    void acceptsAccessTokenAndDefaultsItsLifetimeToSixtySeconds() {
        requireBearerToken("{\"access_token\":\"" + REGISTRY_TOKEN + "\"}");

        client.resolveTag(APP, "1.0", RegistryCredentials.anonymous());
        clock.advance(Duration.ofSeconds(50));
        client.resolveTag(APP, "1.0", RegistryCredentials.anonymous());
        assertThat(tokensIssued).hasValue(1);
        assertThat(registry.requests("/token").get(0).header("Authorization")).as("anonymous token requests carry no credentials").isNull();

        clock.advance(Duration.ofSeconds(11));
        client.resolveTag(APP, "1.0", RegistryCredentials.anonymous());
        assertThat(tokensIssued).hasValue(2);
    }

    @Test
    void denialAfterTheTokenIsAccessDeniedWithoutAnySecretInTheMessage() {
        registry.on("/v2/acme/app/manifests/", request -> request.header("Authorization") == null
                ? StubServer.Reply.of(401, Map.of("WWW-Authenticate", "Bearer realm=\"" + registry.url() + "/token\",service=\"stub.test\""), "")
                : StubServer.Reply.of(403, Map.of(), "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"token " + REGISTRY_TOKEN + "\"}]}"));
        registry.on("/token", request -> StubServer.Reply.of(200, Map.of(), "{\"token\":\"" + REGISTRY_TOKEN + "\"}"));

        assertThatThrownBy(() -> client.manifest(APP, DIGEST, OCTOCAT))
                .isInstanceOf(RegistryAccessDeniedException.class)
                .hasMessageContaining("403 DENIED")
                .hasMessageContaining("octocat")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(GITHUB_TOKEN, REGISTRY_TOKEN,
                        Base64.getEncoder().encodeToString(("octocat:" + GITHUB_TOKEN).getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void aDeniedTokenRequestIsAccessDenied() {
        registry.on("/v2/", request -> StubServer.Reply.of(401, Map.of("WWW-Authenticate", "Bearer realm=\"" + registry.url() + "/token\""), ""));
        registry.on("/token", request -> StubServer.Reply.of(401, Map.of(), "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}"));

        assertThatThrownBy(() -> client.tags(APP, OCTOCAT))
                .isInstanceOf(RegistryAccessDeniedException.class)
                .hasMessageContaining("token denied (401)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(GITHUB_TOKEN));
    }

    @Test
    void credentialsNeverShowInToString() {
        assertThat(OCTOCAT.toString()).contains("octocat").doesNotContain(GITHUB_TOKEN);
        assertThat(CredentialUse.identity(OCTOCAT)).doesNotContain(GITHUB_TOKEN);
    }

    @Test
    void refusesToSendCredentialsInTheClearToAnotherMachine() {
        registry.on("/v2/", request -> StubServer.Reply.of(401, Map.of("WWW-Authenticate", "Bearer realm=\"http://192.0.2.1/token\",service=\"x\""), ""));

        assertThatThrownBy(() -> client.manifest(APP, DIGEST, OCTOCAT))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("plain HTTP");
    }

    @Test
    void aTamperedBodyIsRejectedAndNeverCached() {
        byte[] tampered = new String(MANIFEST, StandardCharsets.UTF_8).replace("\"size\":7", "\"size\":8").getBytes(StandardCharsets.UTF_8);
        registry.on("/v2/acme/app/manifests/", request -> manifestReply(tampered, DIGEST));

        assertThatThrownBy(() -> client.manifest(APP, DIGEST, OCTOCAT))
                .isInstanceOf(DigestMismatchException.class)
                .hasMessageContaining("body hashes to " + OciPusher.sha256(tampered));
        assertThatThrownBy(() -> client.manifest(APP, DIGEST, OCTOCAT)).isInstanceOf(DigestMismatchException.class);

        assertThat(registry.requests("/v2/")).as("nothing was cached").hasSize(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM registry_manifest").query(Long.class).single()).isZero();
    }

    @Test
    void aDockerContentDigestThatDisagreesIsRejected() {
        String other = OciPusher.sha256("something else".getBytes(StandardCharsets.UTF_8));
        registry.on("/v2/acme/app/manifests/", request -> manifestReply(MANIFEST, other));

        assertThatThrownBy(() -> client.manifest(APP, DIGEST, OCTOCAT))
                .isInstanceOf(DigestMismatchException.class)
                .hasMessageContaining("Docker-Content-Digest " + other);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM registry_manifest").query(Long.class).single()).isZero();
    }

    @Test
    void retriesServerErrorsThenGivesUp() {
        AtomicInteger calls = new AtomicInteger();
        registry.on("/v2/acme/app/manifests/", request -> calls.incrementAndGet() == 1
                ? StubServer.Reply.of(503, Map.of(), "")
                : manifestReply(MANIFEST, DIGEST));

        assertThat(client.manifest(APP, DIGEST, OCTOCAT).raw()).isEqualTo(MANIFEST);
        assertThat(calls).hasValue(2);

        registry.on("/v2/acme/app/tags/", request -> StubServer.Reply.of(502, Map.of(), "bad gateway"));
        assertThatThrownBy(() -> client.tags(APP, OCTOCAT))
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("502")
                .hasMessageContaining("after 3 attempts");
        assertThat(registry.requests("/v2/acme/app/tags/")).hasSize(3);
    }

    @Test
    void aRegistryThatDoesNotAnswerInTimeIsUnavailable() {
        registry.on("/v2/", request -> {
            Thread.sleep(3_000);
            return manifestReply(MANIFEST, DIGEST);
        });
        RegistryClient impatient = clientWith(RegistryProperties.forUrl(registry.url()).withRetryBackoff(Duration.ofMillis(1))
                .withResponseTimeout(Duration.ofMillis(200)));

        assertThatThrownBy(() -> impatient.manifest(APP, DIGEST, OCTOCAT)).isInstanceOf(RegistryUnavailableException.class);
    }

    @Test
    void manifestUnknownIsNotFound() {
        registry.on("/v2/acme/app/manifests/", request -> StubServer.Reply.of(404, Map.of(),
                "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}"));

        assertThatThrownBy(() -> client.manifest(APP, DIGEST, OCTOCAT))
                .isInstanceOf(RegistryNotFoundException.class)
                .hasMessageContaining("404 MANIFEST_UNKNOWN");
    }

    @Test
    void followsTagListPages() {
        registry.on("/v2/acme/app/tags/list", request -> request.query() == null
                ? StubServer.Reply.of(200, Map.of("Link", "</v2/acme/app/tags/list?n=2&last=b>; rel=\"next\""), "{\"name\":\"acme/app\",\"tags\":[\"a\",\"b\"]}")
                : StubServer.Reply.of(200, Map.of(), "{\"name\":\"acme/app\",\"tags\":[\"c\"]}"));

        assertThat(client.tags(APP, OCTOCAT)).containsExactly("a", "b", "c");
        assertThat(registry.requests("/v2/acme/app/tags/list").get(1).query()).isEqualTo("n=2&last=b");
    }

    @Test
    void resolvesATagWithoutDigestHeaderByKeepingTheManifest() {
        registry.on("/v2/acme/app/manifests/", request -> new StubServer.Reply(200, Map.of("Content-Type", MediaTypes.OCI_MANIFEST), MANIFEST));

        assertThat(client.resolveTag(APP, "latest", OCTOCAT)).contains(DIGEST);
        assertThat(client.manifest(APP, DIGEST, OCTOCAT).raw()).isEqualTo(MANIFEST);
        assertThat(registry.requests()).extracting(StubServer.Request::method).containsExactly("HEAD", "GET");
    }

    @Test
    void configBlobRedirectsToStorageWithoutCredentials() {
        byte[] config = "{\"os\":\"linux\",\"architecture\":\"amd64\",\"created\":\"2026-01-02T03:04:05.123+01:00\",\"config\":{\"Labels\":{\"a\":\"b\"}}}"
                .getBytes(StandardCharsets.UTF_8);
        String configDigest = OciPusher.sha256(config);
        try (StubServer storage = new StubServer()) {
            storage.on("/blob", request -> new StubServer.Reply(200, Map.of(), config));
            requireBearerToken("{\"token\":\"" + REGISTRY_TOKEN + "\"}");
            registry.on("/v2/acme/app/blobs/", request -> ("Bearer " + REGISTRY_TOKEN).equals(request.header("Authorization"))
                    ? StubServer.Reply.of(307, Map.of("Location", storage.url() + "/blob?sig=signed"), "")
                    : StubServer.Reply.of(401, Map.of("WWW-Authenticate", "Bearer realm=\"" + registry.url() + "/token\""), ""));
            ManifestDocument manifest = new ManifestDocument(DIGEST, MediaTypes.OCI_MANIFEST, null, List.of(),
                    new Descriptor(OciPusher.OCI_CONFIG, configDigest, config.length, null, null, null), List.of(), null, null, MANIFEST);

            ImageConfig image = client.config(APP, manifest, OCTOCAT);

            assertThat(image.platform()).isEqualTo(new Platform("linux", "amd64", null));
            assertThat(image.created()).isEqualTo(Instant.parse("2026-01-02T02:04:05.123Z"));
            assertThat(image.labels()).containsExactly(Map.entry("a", "b"));
            assertThat(storage.requests()).singleElement().satisfies(r -> assertThat(r.header("Authorization")).isNull());
        }
    }

    @Test
    void proofReportsATokenDenial() {
        registry.on("/v2/", request -> StubServer.Reply.of(401, Map.of("WWW-Authenticate", "Bearer realm=\"" + registry.url() + "/token\",service=\"stub.test\""), ""));
        registry.on("/token", request -> StubServer.Reply.of(401, Map.of(), ""));

        AnonymousPullProof proof = client.proveAnonymousPull(APP, "latest");

        assertThat(proof.pullable()).isFalse();
        assertThat(proof.detail()).isEqualTo("token denied (401)");
        assertThat(proof.checkedAt()).isEqualTo(clock.instant());
        assertThat(URLDecoder.decode(registry.requests("/token").get(0).query(), StandardCharsets.UTF_8))
                .isEqualTo("service=stub.test&scope=repository:acme/app:pull");
    }

    @Test
    void proofPullsWithAFreshAnonymousToken() {
        requireBearerToken("{\"token\":\"" + REGISTRY_TOKEN + "\"}");

        assertThat(client.proveAnonymousPull(APP, DIGEST).pullable()).isTrue();
        assertThat(client.proveAnonymousPull(APP, DIGEST).detail()).isEqualTo("anonymous token and manifest HEAD succeeded");
        assertThat(tokensIssued).as("a proof never trusts a cached token").hasValue(2);
        assertThat(registry.requests("/token")).allSatisfy(r -> assertThat(r.header("Authorization")).isNull());
    }
}
