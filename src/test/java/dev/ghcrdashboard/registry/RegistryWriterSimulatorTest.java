package dev.ghcrdashboard.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ghcrdashboard.caching.CacheStatistics;
import dev.ghcrdashboard.github.AccessToken;
import dev.ghcrdashboard.simulator.RecordedExchange;
import dev.ghcrdashboard.simulator.Scenario;
import dev.ghcrdashboard.simulator.SimulatedVersion;
import dev.ghcrdashboard.simulator.Simulator;
import dev.ghcrdashboard.simulator.SimulatorControl;
import dev.ghcrdashboard.simulator.SimulatorOptions;
import dev.ghcrdashboard.support.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Every registry write the dashboard makes, against the simulator playing ghcr.io: a tag added and moved with the
 * image's exact bytes, the placeholder that takes a tag off an image, blob uploads that skip what is there, push
 * tokens renewed before and after they expire, and refusals.
 */
class RegistryWriterSimulatorTest {

    private static final RegistryRepository WEB = new RegistryRepository("acme", "web");
    private static final RegistryCredentials OCTOCAT = RegistryCredentials.user("octocat", new AccessToken("ghp_demo_octocat_all"));
    private static final Instant START = Instant.parse("2026-07-01T12:00:00Z");

    @TempDir
    Path dataDir;

    private final MutableClock simulatorClock = new MutableClock(START);
    private final MutableClock dashboardClock = new MutableClock(START);
    private final List<RecordedExchange> exchanges = new CopyOnWriteArrayList<>();
    private Simulator simulator;
    private SimulatorControl control;
    private RegistryClient reader;
    private RegistryWriter writer;

    @BeforeEach
    void start() {
        simulator = Simulator.start(Scenario.demo(), SimulatorOptions.defaults().withClock(simulatorClock));
        control = simulator.control();
        control.addExchangeListener(exchanges::add);
        RegistryProperties properties = RegistryProperties.forUrl(simulator.baseUrl()).withRetryBackoff(Duration.ofMillis(10));
        properties = new RegistryProperties(properties.url(), simulator.registryService(), properties.connectTimeout(),
                properties.responseTimeout(), properties.retries(), properties.retryBackoff(), properties.concurrency(), properties.maxDocumentSize());
        CacheStatistics caches = new CacheStatistics();
        reader = new RegistryClient(WebClient.builder(), properties, CacheDatabase.open(dataDir), caches, dashboardClock);
        writer = new RegistryWriter(properties, reader, caches, dashboardClock);
    }

    @AfterEach
    void stop() {
        reader.destroy();
        simulator.close();
    }

    @Test
    void addingATagSendsTheSameBytesSoNoNewVersionAppears() {
        String digest = control.resolveTag("acme", "web", "v1.1.0").orElseThrow();
        int versionsBefore = control.versions("acme", "web", false).size();

        String stored = writer.tag(WEB, digest, "prod", OCTOCAT);

        assertThat(stored).isEqualTo(digest);
        assertThat(control.resolveTag("acme", "web", "prod")).contains(digest);
        assertThat(control.resolveTag("acme", "web", "v1.1.0")).as("the image keeps its tag").contains(digest);
        assertThat(control.versions("acme", "web", false)).hasSize(versionsBefore);
        assertThat(version(digest).tags()).containsExactlyInAnyOrder("v1.1.0", "prod");
        assertThat(control.isComplete("acme", "web", digest)).isTrue();
        RecordedExchange put = exchanges.stream().filter(e -> e.method().equals("PUT")).findFirst().orElseThrow();
        assertThat(put.path()).isEqualTo("/v2/acme/web/manifests/prod");
        assertThat(put.status()).isEqualTo(201);
        assertThat(put.requestHeader("Content-Type")).isEqualTo(MediaTypes.OCI_INDEX);
        assertThat(OciPusher.sha256(put.requestBody())).isEqualTo(digest);
    }

    @Test
    void puttingATagThatAnotherImageHasMovesIt() {
        String from = control.resolveTag("acme", "web", "v1.2.0").orElseThrow();
        String to = control.resolveTag("acme", "web", "stable").orElseThrow();

        writer.tag(WEB, to, "latest", OCTOCAT);

        assertThat(control.resolveTag("acme", "web", "latest")).contains(to);
        assertThat(version(from).tags()).containsExactly("v1.2.0");
        assertThat(version(to).tags()).containsExactlyInAnyOrder("stable", "latest");
        assertThat(version(from).updatedAt()).isEqualTo(START);
    }

    @Test
    void aPlaceholderTakesTheTagOffTheImageAndBecomesAVersionOfItsOwn() {
        String image = control.resolveTag("acme", "web", "v1.2.0").orElseThrow();
        RegistryWriter.Placeholder placeholder = RegistryWriter.Placeholder.of("job-1", "latest");

        writer.pushPlaceholder(WEB, "latest", placeholder, OCTOCAT);

        assertThat(reader.resolveTag(WEB, "latest", OCTOCAT)).contains(placeholder.digest());
        assertThat(version(image).tags()).containsExactly("v1.2.0");
        assertThat(control.isComplete("acme", "web", image)).isTrue();
        SimulatedVersion pushed = version(placeholder.digest());
        assertThat(pushed.tags()).containsExactly("latest");
        assertThat(pushed.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        ManifestDocument manifest = reader.manifest(WEB, placeholder.digest(), OCTOCAT);
        assertThat(RegistryWriter.isPlaceholder(manifest)).isTrue();
        assertThat(manifest.layers()).isEmpty();
        assertThat(manifest.config().digest()).isEqualTo(OciPusher.sha256("{}".getBytes()));
        assertThat(RegistryWriter.isPlaceholder(reader.manifest(WEB, image, OCTOCAT))).isFalse();
    }

    @Test
    void placeholdersAreTheSameForTheSameOperationAndTagAndDifferOtherwise() {
        assertThat(RegistryWriter.Placeholder.of("job-1", "latest").digest()).isEqualTo(RegistryWriter.Placeholder.of("job-1", "latest").digest());
        assertThat(RegistryWriter.Placeholder.of("job-1", "latest").digest()).isNotEqualTo(RegistryWriter.Placeholder.of("job-2", "latest").digest());
        assertThat(RegistryWriter.Placeholder.of("job-1", "latest").digest()).isNotEqualTo(RegistryWriter.Placeholder.of("job-1", "v1").digest());
        assertThatThrownBy(() -> RegistryWriter.Placeholder.of("job\"1", "latest")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RegistryWriter.Placeholder.of("job-1", "lat est")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBlobTheRepositoryHoldsIsNotUploadedAgain() {
        byte[] content = "a blob of the test".getBytes();

        String digest = writer.uploadBlob(WEB, content, OCTOCAT);
        long uploadsAfterFirst = count("POST", "/v2/acme/web/blobs/uploads/");
        writer.uploadBlob(WEB, content, OCTOCAT);

        assertThat(digest).isEqualTo(OciPusher.sha256(content));
        assertThat(uploadsAfterFirst).isEqualTo(1);
        assertThat(count("POST", "/v2/acme/web/blobs/uploads/")).isEqualTo(1);
        assertThat(count("HEAD", "/v2/acme/web/blobs/" + digest)).isEqualTo(2);
        assertThat(writer.holdsBlob(WEB, digest, OCTOCAT)).isTrue();
        assertThat(writer.holdsBlob(new RegistryRepository("acme", "api"), digest, OCTOCAT)).as("blobs belong to repositories").isFalse();
    }

    @Test
    void thePushTokenIsAskedForWithPushAndRenewedBeforeItExpires() {
        String digest = control.resolveTag("acme", "web", "v1.0.0").orElseThrow();
        writer.tag(WEB, digest, "one", OCTOCAT);
        writer.tag(WEB, digest, "two", OCTOCAT);
        assertThat(tokenRequests()).singleElement().satisfies(query -> assertThat(query).contains("scope=repository:acme/web:pull,push"));

        // Both clocks move past the 300 s the simulator grants: the writer asks again before using a dead token.
        simulatorClock.advance(Duration.ofSeconds(296));
        dashboardClock.advance(Duration.ofSeconds(296));
        writer.tag(WEB, digest, "three", OCTOCAT);

        assertThat(tokenRequests()).hasSize(2);
        assertThat(exchanges).noneMatch(e -> e.method().equals("PUT") && e.status() == 401);
        assertThat(control.resolveTag("acme", "web", "three")).contains(digest);
    }

    @Test
    void aTokenTheRegistryAlreadyExpiredIsRenewedOnce() {
        String digest = control.resolveTag("acme", "web", "v1.0.0").orElseThrow();
        writer.tag(WEB, digest, "one", OCTOCAT);

        // Only the registry's clock moves: it rejects the token the writer still thinks is good.
        simulatorClock.advance(Duration.ofSeconds(301));
        writer.tag(WEB, digest, "two", OCTOCAT);

        assertThat(exchanges).filteredOn(e -> e.method().equals("PUT") && e.status() == 401).singleElement()
                .satisfies(e -> assertThat(e.responseHeader("WWW-Authenticate")).contains("error=\"invalid_token\""));
        assertThat(tokenRequests()).hasSize(2);
        assertThat(control.resolveTag("acme", "web", "two")).contains(digest);
    }

    @Test
    void aTokenWithoutWritePackagesIsRefusedWithoutChangingAnything() {
        String digest = control.resolveTag("acme", "web", "v1.0.0").orElseThrow();
        var readOnly = RegistryCredentials.user("octocat", new AccessToken("ghp_demo_octocat_read"));

        assertThatThrownBy(() -> writer.tag(WEB, digest, "prod", readOnly))
                .isInstanceOf(RegistryAccessDeniedException.class)
                .hasMessageContaining("403 DENIED")
                .hasMessageContaining("write:packages")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("ghp_demo_octocat_read"));
        assertThat(control.resolveTag("acme", "web", "prod")).isEmpty();
    }

    @Test
    void aMemberWithoutWriteRoleIsRefused() {
        var api = new RegistryRepository("acme", "api");
        var hubot = RegistryCredentials.user("hubot", new AccessToken("ghp_demo_hubot_all"));
        String digest = control.versions("acme", "api", false).get(0).digest();

        assertThatThrownBy(() -> writer.tag(api, digest, "prod", hubot)).isInstanceOf(RegistryAccessDeniedException.class);
        assertThat(control.resolveTag("acme", "api", "prod")).isEmpty();
    }

    private SimulatedVersion version(String digest) {
        return control.versions("acme", "web", false).stream().filter(v -> v.digest().equals(digest)).findFirst().orElseThrow();
    }

    private long count(String method, String path) {
        return exchanges.stream().filter(e -> e.method().equals(method) && e.path().equals(path)).count();
    }

    private List<String> tokenRequests() {
        return exchanges.stream().filter(e -> e.path().equals("/token") && e.pathAndQuery().contains("push"))
                .map(e -> java.net.URLDecoder.decode(e.pathAndQuery(), java.nio.charset.StandardCharsets.UTF_8)).toList();
    }
}
