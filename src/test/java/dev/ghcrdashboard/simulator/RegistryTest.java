package dev.ghcrdashboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import tools.jackson.databind.JsonNode;

class RegistryTest {

    private static final String ACCEPT_ALL = "application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, "
            + "application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.docker.distribution.manifest.v2+json";
    private static final String OCTOCAT = "ghp_demo_octocat_all";

    @RegisterExtension
    final DemoWorld simulator = new DemoWorld();
    private final SimHttp http = new SimHttp(simulator::baseUrl);

    @Test
    void challengeNamesRealmServiceAndScope() {
        HttpResponse<String> response = http.raw("HEAD", "/v2/acme/tools/cli/manifests/v1", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"" + simulator.baseUrl()
                + "/token\",service=\"ghcr-simulator\",scope=\"repository:acme/tools/cli:pull\"");
        assertThat(http.raw("GET", "/v2/", null).statusCode()).isEqualTo(401);
    }

    @Test
    void anonymousTokensOnlyForPublicPackages() {
        assertThat(http.registryToken("acme/web", null, null).statusCode()).isEqualTo(200);
        HttpResponse<String> privateAnonymous = http.registryToken("acme/api", null, null);
        assertThat(privateAnonymous.statusCode()).isEqualTo(401);
        assertThat(privateAnonymous.body()).contains("UNAUTHORIZED");
        assertThat(http.registryToken("acme/missing", null, null).statusCode()).isEqualTo(401);
        assertThat(http.registryToken("acme/api", "octocat", OCTOCAT).statusCode()).isEqualTo(200);
        HttpResponse<String> outsider = http.registryToken("acme/api", "eve", "ghp_demo_eve_all");
        assertThat(outsider.statusCode()).isEqualTo(403);
        assertThat(SimHttp.json(outsider).get("errors").get(0).get("code").asString()).isEqualTo("DENIED");
        assertThat(http.registryToken("acme/api", "octocat", "wrong").statusCode()).isEqualTo(401);

        // Making it public (as a person on the settings page would) opens anonymous pulls.
        simulator.control().setVisibility("acme", "api", "public");
        assertThat(http.registryToken("acme/api", null, null).statusCode()).isEqualTo(200);
        // A token for one repository does not open another.
        String webToken = http.pullToken("acme/web", null, null);
        assertThat(http.raw("GET", "/v2/acme/api/manifests/latest", null, "Authorization", "Bearer " + webToken,
                "Accept", ACCEPT_ALL).statusCode()).isEqualTo(401);
    }

    @Test
    void manifestsAreRealBytesWhoseDigestIsTheirSha256() {
        String token = http.pullToken("acme/web", "octocat", OCTOCAT);
        HttpResponse<byte[]> index = http.bytes("GET", "/v2/acme/web/manifests/v1.0.0", "Authorization", "Bearer " + token,
                "Accept", ACCEPT_ALL);
        assertThat(index.statusCode()).isEqualTo(200);
        String digest = index.headers().firstValue("Docker-Content-Digest").orElseThrow();
        assertThat(Digests.sha256(index.body())).isEqualTo(digest);
        assertThat(index.headers().firstValue("Content-Type")).hasValue("application/vnd.oci.image.index.v1+json");
        assertThat(simulator.control().resolveTag("acme", "web", "v1.0.0")).hasValue(digest);

        JsonNode document = SimHttp.JSON.readTree(index.body());
        assertThat(document.get("manifests")).hasSize(4);
        JsonNode attestation = document.get("manifests").get(2);
        assertThat(attestation.get("platform").get("os").asString()).isEqualTo("unknown");
        assertThat(attestation.get("annotations").get("vnd.docker.reference.type").asString()).isEqualTo("attestation-manifest");
        for (JsonNode entry : document.get("manifests")) {
            String child = entry.get("digest").asString();
            HttpResponse<byte[]> manifest = http.bytes("GET", "/v2/acme/web/manifests/" + child, "Authorization", "Bearer " + token,
                    "Accept", ACCEPT_ALL);
            assertThat(Digests.sha256(manifest.body())).isEqualTo(child);
            assertThat((long) manifest.body().length).isEqualTo(entry.get("size").asLong());
            JsonNode config = SimHttp.JSON.readTree(manifest.body()).get("config");
            HttpResponse<byte[]> blob = http.bytes("GET", "/v2/acme/web/blobs/" + config.get("digest").asString(),
                    "Authorization", "Bearer " + token);
            assertThat(Digests.sha256(blob.body())).isEqualTo(config.get("digest").asString());
        }
        // The cosign signature of the index lives under its sha256-<hex>.sig tag.
        assertThat(simulator.control().resolveTag("acme", "web", Digests.tagFor(digest) + ".sig")).isPresent();
        assertThat(simulator.control().counts().manifestGets(digest)).isEqualTo(1);
    }

    @Test
    void indexByTagNeedsAnIndexTypeInAccept() {
        String token = http.pullToken("acme/web", null, null);
        HttpResponse<String> response = http.raw("GET", "/v2/acme/web/manifests/latest", null, "Authorization", "Bearer " + token,
                "Accept", "application/vnd.oci.image.manifest.v1+json");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("MANIFEST_UNKNOWN");
    }

    @Test
    void headDoesNotCountAsADownloadButGetDoes() {
        String token = http.pullToken("acme/web", null, null);
        HttpResponse<byte[]> head = http.bytes("HEAD", "/v2/acme/web/manifests/latest", "Authorization", "Bearer " + token,
                "Accept", ACCEPT_ALL);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        String digest = head.headers().firstValue("Docker-Content-Digest").orElseThrow();
        assertThat(simulator.control().counts().manifestHeads()).containsEntry(digest, 1L);
        assertThat(simulator.control().counts().totalManifestGets()).isZero();
    }

    @Test
    void registryRefusesDeletesAndHasNoReferrersApi() {
        String token = http.pullToken("acme/web", "octocat", OCTOCAT);
        HttpResponse<String> delete = http.raw("DELETE", "/v2/acme/web/manifests/latest", null, "Authorization", "Bearer " + token);
        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(SimHttp.json(delete).get("errors").get(0).get("code").asString()).isEqualTo("UNSUPPORTED");
        String digest = simulator.control().resolveTag("acme", "web", "latest").orElseThrow();
        assertThat(http.raw("GET", "/v2/acme/web/referrers/" + digest, null, "Authorization", "Bearer " + token).statusCode())
                .isEqualTo(404);
        // Referrers are found through the sha256-<hex> tag schema instead.
        String referred = simulator.control().resolveTag("acme", "web", "v1.1.0").orElseThrow();
        String referrersIndex = simulator.control().resolveTag("acme", "web", Digests.tagFor(referred)).orElseThrow();
        HttpResponse<String> index = http.raw("GET", "/v2/acme/web/manifests/" + referrersIndex, null,
                "Authorization", "Bearer " + token, "Accept", ACCEPT_ALL);
        JsonNode entry = SimHttp.json(index).get("manifests").get(0);
        assertThat(entry.get("artifactType").asString()).isEqualTo("application/vnd.dev.sigstore.bundle.v0.3+json");
        HttpResponse<String> bundle = http.raw("GET", "/v2/acme/web/manifests/" + entry.get("digest").asString(), null,
                "Authorization", "Bearer " + token, "Accept", ACCEPT_ALL);
        assertThat(SimHttp.json(bundle).get("subject").get("digest").asString()).isEqualTo(referred);
    }

    @Test
    void deletingAPlatformManifestBreaksItsIndexAndEveryIndexSharingIt() {
        SimulatorControl control = simulator.control();
        String v120 = control.resolveTag("acme", "web", "v1.2.0").orElseThrow();
        String stable = control.resolveTag("acme", "web", "stable").orElseThrow();
        assertThat(stable).isNotEqualTo(v120);
        assertThat(control.isComplete("acme", "web", v120)).isTrue();
        assertThat(control.isComplete("acme", "web", stable)).isTrue();

        String token = http.pullToken("acme/web", "octocat", OCTOCAT);
        JsonNode index = SimHttp.json(http.raw("GET", "/v2/acme/web/manifests/v1.2.0", null, "Authorization", "Bearer " + token,
                "Accept", ACCEPT_ALL));
        String child = index.get("manifests").get(0).get("digest").asString();
        long childId = control.versions("acme", "web", false).stream().filter(version -> version.digest().equals(child))
                .findFirst().orElseThrow().id();
        assertThat(http.api("DELETE", "/orgs/acme/packages/container/web/versions/" + childId, OCTOCAT).statusCode()).isEqualTo(204);

        assertThat(control.isComplete("acme", "web", v120)).isFalse();
        assertThat(control.isComplete("acme", "web", stable)).isFalse();
        // The tag still resolves, but pulling the platform fails: the classic broken image.
        assertThat(http.raw("GET", "/v2/acme/web/manifests/v1.2.0", null, "Authorization", "Bearer " + token, "Accept", ACCEPT_ALL)
                .statusCode()).isEqualTo(200);
        HttpResponse<String> gone = http.raw("GET", "/v2/acme/web/manifests/" + child, null, "Authorization", "Bearer " + token,
                "Accept", ACCEPT_ALL);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.body()).contains("MANIFEST_UNKNOWN");
    }

    @Test
    void nestedIndexIsCompleteOnlyWithItsInnerIndexAndNamesStayRaw() {
        SimulatorControl control = simulator.control();
        String v2 = control.resolveTag("acme", "tools/cli", "v2").orElseThrow();
        String token = http.pullToken("acme/tools/cli", "octocat", OCTOCAT);
        JsonNode outer = SimHttp.json(http.raw("GET", "/v2/acme/tools/cli/manifests/v2", null, "Authorization", "Bearer " + token,
                "Accept", ACCEPT_ALL));
        JsonNode inner = outer.get("manifests").get(0);
        assertThat(inner.get("mediaType").asString()).isEqualTo("application/vnd.oci.image.index.v1+json");
        assertThat(control.isComplete("acme", "tools/cli", v2)).isTrue();
        List<SimulatedVersion> versions = control.versions("acme", "tools/cli", false);
        long innerId = versions.stream().filter(version -> version.digest().equals(inner.get("digest").asString()))
                .findFirst().orElseThrow().id();
        control.deleteVersionAsSomeoneElse("acme", "tools/cli", innerId);
        assertThat(control.isComplete("acme", "tools/cli", v2)).isFalse();
    }

    @Test
    void tagsListPagesWithNAndLast() {
        String token = http.pullToken("acme/web", null, null);
        HttpResponse<String> first = http.raw("GET", "/v2/acme/web/tags/list?n=2", null, "Authorization", "Bearer " + token);
        assertThat(SimHttp.json(first).get("tags")).hasSize(2);
        String link = first.headers().firstValue("Link").orElseThrow();
        assertThat(link).startsWith("</v2/acme/web/tags/list?n=2&last=").endsWith(">; rel=\"next\"");
        HttpResponse<String> all = http.raw("GET", "/v2/acme/web/tags/list", null, "Authorization", "Bearer " + token);
        assertThat(SimHttp.json(all).get("tags").size()).isGreaterThan(5);
    }

    @Test
    void pushTagMovesTheTagToANewVersion() {
        SimulatorControl control = simulator.control();
        String before = control.resolveTag("acme", "api", "latest").orElseThrow();
        String after = control.pushTag("acme", "api", "latest");
        assertThat(after).isNotEqualTo(before);
        assertThat(control.resolveTag("acme", "api", "latest")).hasValue(after);
        assertThat(control.versions("acme", "api", false).get(0).digest()).isEqualTo(after);
        assertThat(control.versions("acme", "api", false).stream().filter(version -> version.digest().equals(before))
                .findFirst().orElseThrow().tags()).doesNotContain("latest");
    }
}
