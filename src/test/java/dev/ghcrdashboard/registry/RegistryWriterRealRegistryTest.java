package dev.ghcrdashboard.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ghcrdashboard.caching.CacheStatistics;
import dev.ghcrdashboard.github.AccessToken;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Every registry write the dashboard makes, against a real distribution registry behind token auth: the simulator's
 * {@code /token} decides who may push (as ghcr.io does) and signs JWTs the registry trusts. What the writer pushes
 * is read back by the real registry, so a manifest or blob it would not accept fails here.
 */
class RegistryWriterRealRegistryTest {

    private static final RegistryRepository APP = new RegistryRepository("acme", "web");
    private static final RegistryRepository NESTED = new RegistryRepository("acme", "tools/cli");
    private static final RegistryCredentials HUBOT = RegistryCredentials.user("hubot", new AccessToken("ghp_registry_test_hubot"));
    private static final RegistryCredentials OCTOCAT = RegistryCredentials.user("octocat", new AccessToken("ghp_registry_test_octocat"));

    @TempDir
    static Path keys;

    private static TokenAuthRegistry registry;
    private static OciPusher pusher;

    @TempDir
    Path dataDir;

    private final RequestLog requests = new RequestLog();
    private RegistryClient reader;
    private RegistryWriter writer;

    @BeforeAll
    static void start() {
        registry = TokenAuthRegistry.start(keys);
        pusher = registry.pusher();
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    @BeforeEach
    void newClients() {
        RegistryProperties properties = RegistryProperties.forUrl(registry.url()).withRetryBackoff(Duration.ofMillis(10));
        CacheStatistics caches = new CacheStatistics();
        reader = new RegistryClient(requests.builder(), properties, CacheDatabase.open(dataDir), caches, Clock.systemUTC());
        writer = new RegistryWriter(properties, reader, caches, Clock.systemUTC());
    }

    @AfterEach
    void closeClients() {
        reader.destroy();
    }

    @Test
    void addingATagPutsTheIndexBytesUnderIt() {
        OciPusher.MultiArchImage image = pusher.pushMultiArchImage(APP.path(), "staging");

        String stored = writer.tag(APP, image.index().digest(), "prod", HUBOT);

        assertThat(stored).isEqualTo(image.index().digest());
        assertThat(reader.resolveTag(APP, "prod", HUBOT)).contains(image.index().digest());
        assertThat(reader.resolveTag(APP, "staging", HUBOT)).contains(image.index().digest());
        assertThat(reader.tags(APP, HUBOT)).contains("prod", "staging");
    }

    @Test
    void aTagMovesToAnotherImageAndANestedNameWorks() {
        OciPusher.MultiArchImage first = pusher.pushMultiArchImage(NESTED.path(), "v1");
        OciPusher.MultiArchImage second = pusher.pushMultiArchImage(NESTED.path(), "v2");
        writer.tag(NESTED, first.index().digest(), "current", HUBOT);

        writer.tag(NESTED, second.index().digest(), "current", HUBOT);

        assertThat(reader.resolveTag(NESTED, "current", HUBOT)).contains(second.index().digest());
        assertThat(reader.resolveTag(NESTED, "v1", HUBOT)).contains(first.index().digest());
    }

    @Test
    void aSingleArchManifestCanBeTaggedToo() {
        OciPusher.PlatformImage image = pusher.pushPlatformImage(APP.path(), new Platform("linux", "amd64", null));

        writer.tag(APP, image.manifest().digest(), "single", HUBOT);

        assertThat(reader.resolveTag(APP, "single", HUBOT)).contains(image.manifest().digest());
    }

    @Test
    void thePlaceholderIsAcceptedAndTakesTheTagOffTheImage() {
        OciPusher.MultiArchImage image = pusher.pushMultiArchImage(APP.path(), "rc");
        writer.tag(APP, image.index().digest(), "rc-keep", HUBOT);
        RegistryWriter.Placeholder placeholder = RegistryWriter.Placeholder.of("job-real-1", "rc");

        writer.pushPlaceholder(APP, "rc", placeholder, HUBOT);

        assertThat(reader.resolveTag(APP, "rc", HUBOT)).contains(placeholder.digest());
        assertThat(reader.resolveTag(APP, "rc-keep", HUBOT)).as("the image keeps its other tag").contains(image.index().digest());
        ManifestDocument read = reader.manifest(APP, placeholder.digest(), HUBOT);
        assertThat(RegistryWriter.isPlaceholder(read)).isTrue();
        assertThat(read.annotations()).containsEntry(RegistryWriter.PLACEHOLDER_TAG_ANNOTATION, "rc");
        assertThat(reader.manifest(APP, image.amd64().manifest().digest(), HUBOT).digest()).isEqualTo(image.amd64().manifest().digest());
    }

    @Test
    void blobsAreUploadedOnceAndReadableAfterwards() {
        byte[] content = "blob written by the dashboard\n".getBytes();

        String digest = writer.uploadBlob(APP, content, HUBOT);
        writer.uploadBlob(APP, content, HUBOT);

        assertThat(digest).isEqualTo(OciPusher.sha256(content));
        assertThat(requests.count("POST", "/v2/acme/web/blobs/uploads/")).isEqualTo(1);
        assertThat(requests.count("PUT")).isEqualTo(1);
        assertThat(requests.count("HEAD", "/blobs/" + digest)).isEqualTo(2);
        assertThat(writer.holdsBlob(APP, digest, HUBOT)).isTrue();
    }

    @Test
    void aReaderWhoMayNotPushIsRefusedAndNothingMoves() {
        OciPusher.MultiArchImage image = pusher.pushMultiArchImage(APP.path(), "guarded");
        OciPusher.MultiArchImage other = pusher.pushMultiArchImage(APP.path(), "other");

        assertThatThrownBy(() -> writer.tag(APP, other.index().digest(), "guarded", OCTOCAT))
                .isInstanceOf(RegistryAccessDeniedException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("ghp_registry_test_octocat"));
        assertThat(reader.resolveTag(APP, "guarded", OCTOCAT)).contains(image.index().digest());
    }

    /**
     * The registry's own clock ends the token long before the 300 s the token endpoint claims. distribution accepts a
     * token until 60 s after its {@code exp} (its clock-skew leeway), so the JWTs here are signed by a clock 60 s behind
     * and live 6 s: the registry takes one for about 6 s of real time, then answers 401.
     */
    @Test
    void aTokenTheRegistryRejectsAsExpiredIsRenewed(@TempDir Path shortKeys, @TempDir Path otherData) throws Exception {
        try (TokenAuthRegistry strict = TokenAuthRegistry.start(shortKeys, Duration.ofSeconds(6), Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-60)))) {
            OciPusher ci = strict.pusher();
            OciPusher.MultiArchImage image = ci.pushMultiArchImage(APP.path(), "1.0");
            RegistryProperties properties = RegistryProperties.forUrl(strict.url()).withRetryBackoff(Duration.ofMillis(10));
            RequestLog strictRequests = new RequestLog();
            CacheStatistics caches = new CacheStatistics();
            RegistryClient strictReader = new RegistryClient(strictRequests.builder(), properties, CacheDatabase.open(otherData), caches, Clock.systemUTC());
            RegistryWriter strictWriter = new RegistryWriter(properties, strictReader, caches, Clock.systemUTC());
            try {
                strictWriter.tag(APP, image.index().digest(), "a", HUBOT);
                Thread.sleep(7_000);
                strictWriter.tag(APP, image.index().digest(), "b", HUBOT);

                assertThat(strictReader.resolveTag(APP, "b", HUBOT)).contains(image.index().digest());
                assertThat(strictRequests.count("PUT", "/manifests/b")).as("sent, refused as expired, sent again").isEqualTo(2);
            } finally {
                strictReader.destroy();
            }
        }
    }
}
