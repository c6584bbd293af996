package dev.ghcrdashboard.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.reactive.function.client.WebClient;

import dev.ghcrdashboard.github.AccessToken;
import dev.ghcrdashboard.caching.CacheStatistics;

/**
 * Token authentication end to end: a real registry with {@code auth.token} trusts JWTs that the
 * simulator's {@code /token} endpoint issues (through {@link JwtRegistryTokenIssuer}) after deciding,
 * like ghcr.io, who may pull which package.
 */
class RegistryTokenAuthTest {

    private static final RegistryRepository PUBLIC = new RegistryRepository("acme", "web");
    private static final RegistryRepository PRIVATE = new RegistryRepository("acme", "secret");
    private static final RegistryRepository PRIVATE_NESTED = new RegistryRepository("acme", "tools/cli");
    private static final RegistryCredentials OCTOCAT = RegistryCredentials.user("octocat", new AccessToken("ghp_registry_test_octocat"));
    private static final RegistryCredentials MALLORY = RegistryCredentials.user("mallory", new AccessToken("ghp_registry_test_mallory"));

    @TempDir
    static Path keys;

    private static TokenAuthRegistry registry;
    private static OciPusher.MultiArchImage publicImage;
    private static OciPusher.MultiArchImage privateImage;
    private static OciPusher.MultiArchImage nestedImage;

    @TempDir
    Path dataDir;

    private RegistryClient client;

    @BeforeAll
    static void start() {
        registry = TokenAuthRegistry.start(keys);
        OciPusher pusher = registry.pusher();
        publicImage = pusher.pushMultiArchImage(PUBLIC.path(), "1.0");
        privateImage = pusher.pushMultiArchImage(PRIVATE.path(), "1.0");
        nestedImage = pusher.pushMultiArchImage(PRIVATE_NESTED.path(), "2.0");
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    @BeforeEach
    void newClient() {
        client = new RegistryClient(WebClient.builder(), RegistryProperties.forUrl(registry.url()), CacheDatabase.open(dataDir), new CacheStatistics(), Clock.systemUTC());
    }

    @Test
    void theRegistryRefusesRequestsWithoutAToken() {
        assertThatThrownBy(() -> new OciPusher(registry.url()).pushBlob(PUBLIC.path(), "x", new byte[] {1}))
                .hasMessageContaining("401");
    }

    @Test
    void aPublicPackageIsAnonymouslyPullable() {
        AnonymousPullProof proof = client.proveAnonymousPull(PUBLIC, "1.0");

        assertThat(proof.pullable()).as(proof.detail()).isTrue();
        assertThat(proof.detail()).isEqualTo("anonymous token and manifest HEAD succeeded");
        assertThat(client.manifest(PUBLIC, publicImage.index().digest(), RegistryCredentials.anonymous()).manifests()).hasSize(4);
    }

    @Test
    void aPrivatePackageDeniesAnonymousPulls() {
        AnonymousPullProof proof = client.proveAnonymousPull(PRIVATE, "1.0");

        assertThat(proof.pullable()).isFalse();
        assertThat(proof.detail()).isEqualTo("token denied (401)");
        assertThatThrownBy(() -> client.manifest(PRIVATE, privateImage.index().digest(), RegistryCredentials.anonymous()))
                .isInstanceOf(RegistryAccessDeniedException.class)
                .hasMessageContaining("token denied (401)");
    }

    @Test
    void aMemberPullsAPrivatePackageWithBasicCredentials() {
        String digest = client.resolveTag(PRIVATE, "1.0", OCTOCAT).orElseThrow();
        ManifestDocument index = client.manifest(PRIVATE, digest, OCTOCAT);
        ManifestDocument amd64 = client.manifest(PRIVATE, privateImage.amd64().manifest().digest(), OCTOCAT);

        assertThat(digest).isEqualTo(privateImage.index().digest());
        assertThat(index.manifests()).extracting(d -> d.platform().toString())
                .containsExactly("linux/amd64", "linux/arm64/v8", "unknown/unknown", "unknown/unknown");
        assertThat(amd64.compressedSize()).isEqualTo(privateImage.amd64().compressedSize());
        assertThat(client.config(PRIVATE, amd64, OCTOCAT).platform()).isEqualTo(new Platform("linux", "amd64", null));
        assertThat(client.tags(PRIVATE, OCTOCAT)).containsExactly("1.0");
    }

    @Test
    void aMemberPullsANestedPrivatePackage() {
        assertThat(client.resolveTag(PRIVATE_NESTED, "2.0", OCTOCAT)).contains(nestedImage.index().digest());
        assertThat(client.tags(PRIVATE_NESTED, OCTOCAT)).containsExactly("2.0");
    }

    @Test
    void aStrangerIsDeniedAPrivatePackage() {
        assertThatThrownBy(() -> client.tags(PRIVATE, MALLORY))
                .isInstanceOf(RegistryAccessDeniedException.class)
                .hasMessageContaining("token denied (403)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("ghp_registry_test_mallory"));
    }

    @Test
    void anUnknownGitHubTokenIsDenied() {
        RegistryCredentials forged = RegistryCredentials.user("octocat", new AccessToken("ghp_not_issued"));

        assertThatThrownBy(() -> client.resolveTag(PRIVATE, "1.0", forged))
                .isInstanceOf(RegistryAccessDeniedException.class)
                .hasMessageContaining("token denied (401)");
    }

    @Test
    void theKeyIdIsLibtrustShaped(@TempDir Path otherKeys) {
        assertThat(JwtRegistryTokenIssuer.base32(new byte[] {'f', 'o', 'o', 'b', 'a'})).isEqualTo("MZXW6YTB");
        assertThat(JwtRegistryTokenIssuer.create(otherKeys, "x", "y", Duration.ofMinutes(1)).keyId())
                .matches("[A-Z2-7]{4}(:[A-Z2-7]{4}){11}");
    }
}
