package dev.ghcrdashboard.simulator;

import dev.ghcrdashboard.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** The registry's write API as ghcr.io and the OCI distribution spec describe it: tokens, blob uploads, manifest pushes. */
class RegistryWriteTest {

    private static final String ACCEPT_ALL = "application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, "
            + "application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.docker.distribution.manifest.v2+json";
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    private static final String OCTOCAT = "ghp_demo_octocat_all";
    private static final Instant START = Instant.parse("2026-07-01T12:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private Simulator simulator;
    private SimHttp http;
    private OpenApiContract contract;

    @BeforeEach
    void start() {
        simulator = Simulator.start(Scenario.demo(), SimulatorOptions.defaults().withClock(clock));
        http = new SimHttp(simulator.baseUrl());
        contract = OpenApiContract.packagesApi();
        simulator.control().addExchangeListener(contract.listener());
    }

    @AfterEach
    void stop() {
        simulator.close();
        contract.assertNoViolations();
    }

    @Test
    void pushIsGrantedOnlyToSignedInWritersWithWritePackages() {
        // octocat administers acme; hubot is a member granted write on acme/web only.
        assertThat(uploadStatus("acme/api", http.pushToken("acme/api", "octocat", OCTOCAT))).isEqualTo(202);
        assertThat(uploadStatus("acme/web", http.pushToken("acme/web", "hubot", "ghp_demo_hubot_all"))).isEqualTo(202);

        // Anonymous callers get pull on a public package, never push; a write with that token is challenged for pull,push.
        String anonymous = token("repository:acme/web:pull,push", null, null);
        HttpResponse<String> challenged = startUpload("acme/web", anonymous);
        assertThat(challenged.statusCode()).isEqualTo(401);
        assertThat(challenged.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"" + simulator.baseUrl()
                + "/token\",service=\"ghcr-simulator\",scope=\"repository:acme/web:pull,push\",error=\"insufficient_scope\"");
        assertThat(code(challenged)).isEqualTo("UNAUTHORIZED");
        // So is a plain pull token, even a signed-in writer's: the client must ask for push.
        HttpResponse<String> pullOnly = startUpload("acme/api", http.pullToken("acme/api", "octocat", OCTOCAT));
        assertThat(pullOnly.statusCode()).isEqualTo(401);
        assertThat(pullOnly.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("scope=\"repository:acme/api:pull,push\"");

        // A token without write:packages, or a member without write on the package: pull is granted, the write refused with ghcr's words.
        HttpResponse<String> noScope = startUpload("acme/api", token("repository:acme/api:pull,push", "octocat", "ghp_demo_octocat_read"));
        assertThat(noScope.statusCode()).isEqualTo(403);
        assertThat(SimHttp.json(noScope).get("errors").get(0).get("message").asString())
                .isEqualTo("permission_denied: The token provided does not match expected scopes.");
        HttpResponse<String> memberWithoutWrite = startUpload("acme/api", token("repository:acme/api:push,pull", "hubot", "ghp_demo_hubot_all"));
        assertThat(memberWithoutWrite.statusCode()).isEqualTo(403);
        assertThat(SimHttp.json(memberWithoutWrite).get("errors").get(0).get("message").asString())
                .isEqualTo("permission_denied: write_package");

        // Someone who may not even read the package gets no token at all.
        HttpResponse<String> outsider = http.scopedToken("repository:acme/api:pull,push", "eve", "ghp_demo_eve_all");
        assertThat(outsider.statusCode()).isEqualTo(403);
        assertThat(code(outsider)).isEqualTo("DENIED");
        assertThat(http.scopedToken("repository:acme/api:pull,push", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void monolithicAndChunkedUploadsVerifyTheDigestAndBlobsBelongToTheirRepository() {
        String token = http.pushToken("acme/api", "octocat", OCTOCAT);
        byte[] blob = "a layer's bytes".getBytes(StandardCharsets.UTF_8);
        String digest = Digests.sha256(blob);

        HttpResponse<String> started = startUpload("acme/api", token);
        assertThat(started.statusCode()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/v2/acme/api/blobs/uploads/");
        assertThat(location).endsWith(started.headers().firstValue("Docker-Upload-UUID").orElseThrow());
        assertThat(started.headers().firstValue("Range")).hasValue("0-0");
        HttpResponse<String> wrong = http.send("PUT", location + "?digest=" + Digests.sha256(new byte[] {1}), blob, auth(token));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(code(wrong)).isEqualTo("DIGEST_INVALID");
        // The failed attempt lost nothing: the same session finishes with the right digest.
        HttpResponse<String> done = http.send("PUT", location + "?digest=" + digest, blob, auth(token));
        assertThat(done.statusCode()).isEqualTo(201);
        assertThat(done.headers().firstValue("Location")).hasValue("/v2/acme/api/blobs/" + digest);
        assertThat(done.headers().firstValue("Docker-Content-Digest")).hasValue(digest);
        assertThat(http.send("PUT", location + "?digest=" + digest, blob, auth(token)).statusCode()).isEqualTo(404);

        HttpResponse<byte[]> head = http.bytes("HEAD", "/v2/acme/api/blobs/" + digest, auth(token));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(blob.length));
        assertThat(head.headers().firstValue("Docker-Content-Digest")).hasValue(digest);
        assertThat(http.bytes("GET", "/v2/acme/api/blobs/" + digest, auth(token)).body()).isEqualTo(blob);
        assertThat(http.bytes("HEAD", "/v2/acme/api/blobs/" + Digests.sha256(new byte[] {2}), auth(token)).statusCode()).isEqualTo(404);
        // Uploaded to acme/api, it is not in acme/web.
        String webToken = http.pullToken("acme/web", "octocat", OCTOCAT);
        assertThat(http.bytes("HEAD", "/v2/acme/web/blobs/" + digest, auth(webToken)).statusCode()).isEqualTo(404);

        // Chunked: each PATCH continues where the upload stands; Range reports the bytes received (inclusive).
        byte[] large = "0123456789abcdefghij".getBytes(StandardCharsets.UTF_8);
        String chunked = startUpload("acme/api", token).headers().firstValue("Location").orElseThrow();
        HttpResponse<String> first = http.send("PATCH", chunked, slice(large, 0, 8), auth(token, "Content-Range", "0-7",
                "Content-Type", "application/octet-stream"));
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.headers().firstValue("Range")).hasValue("0-7");
        HttpResponse<String> outOfOrder = http.send("PATCH", chunked, slice(large, 12, 20), auth(token, "Content-Range", "12-19"));
        assertThat(outOfOrder.statusCode()).isEqualTo(416);
        assertThat(outOfOrder.headers().firstValue("Range")).hasValue("0-7");
        assertThat(http.send("PATCH", chunked, slice(large, 8, 14), auth(token)).headers().firstValue("Range")).hasValue("0-13");
        HttpResponse<String> status = http.send("GET", chunked, null, auth(token));
        assertThat(status.statusCode()).isEqualTo(204);
        assertThat(status.headers().firstValue("Range")).hasValue("0-13");
        HttpResponse<String> closed = http.send("PUT", chunked + "?digest=" + Digests.sha256(large), slice(large, 14, 20), auth(token));
        assertThat(closed.statusCode()).isEqualTo(201);
        assertThat(http.bytes("GET", "/v2/acme/api/blobs/" + Digests.sha256(large), auth(token)).body()).isEqualTo(large);
    }

    @Test
    void aMountRequestOpensAnOrdinaryUploadSession() {
        String layer = firstLayerOf("acme/web", "v1.0.0");
        String token = http.pushToken("acme/api", "octocat", OCTOCAT);
        HttpResponse<String> mount = http.send("POST", "/v2/acme/api/blobs/uploads/?mount=" + layer + "&from=acme/web", null,
                auth(token));
        assertThat(mount.statusCode()).isEqualTo(202);
        assertThat(mount.headers().firstValue("Location").orElseThrow()).startsWith("/v2/acme/api/blobs/uploads/");
        assertThat(http.bytes("HEAD", "/v2/acme/api/blobs/" + layer, auth(token)).statusCode()).isEqualTo(404);
    }

    @Test
    void aManifestPutByTagMakesANewVersionAndMovesTheTag() {
        String token = http.pushToken("acme/api", "octocat", OCTOCAT);
        byte[] manifest = imageManifest("acme/api", token, "promoted");
        String digest = Digests.sha256(manifest);
        String previous = simulator.control().resolveTag("acme", "api", "latest").orElseThrow();

        clock.advance(Duration.ofMinutes(2));
        HttpResponse<String> pushed = putManifest("acme/api", "latest", manifest, OCI_MANIFEST, token);
        assertThat(pushed.statusCode()).isEqualTo(201);
        assertThat(pushed.headers().firstValue("Location")).hasValue("/v2/acme/api/manifests/" + digest);
        assertThat(pushed.headers().firstValue("Docker-Content-Digest")).hasValue(digest);

        // A new version, newest first in GitHub's list, created now; the tag left the version that had it.
        JsonNode newest = SimHttp.json(http.get("/orgs/acme/packages/container/api/versions", OCTOCAT)).get(0);
        assertThat(newest.get("name").asString()).isEqualTo(digest);
        assertThat(newest.get("created_at").asString()).isEqualTo(START.plus(Duration.ofMinutes(2)).toString());
        assertThat(newest.get("metadata").get("container").get("tags")).extracting(JsonNode::asString).containsExactly("latest");
        SimulatedVersion old = version("api", previous);
        assertThat(old.tags()).doesNotContain("latest").contains("v1.1");
        assertThat(old.updatedAt()).isEqualTo(START.plus(Duration.ofMinutes(2)));
        HttpResponse<byte[]> pulled = http.bytes("GET", "/v2/acme/api/manifests/latest", auth(token, "Accept", ACCEPT_ALL));
        assertThat(pulled.body()).isEqualTo(manifest);

        // The same bytes under another tag add the tag to that version; no new version, and its updated_at moves.
        int count = simulator.control().versions("acme", "api", false).size();
        clock.advance(Duration.ofMinutes(1));
        assertThat(putManifest("acme/api", "prod", manifest, OCI_MANIFEST, token).statusCode()).isEqualTo(201);
        assertThat(simulator.control().versions("acme", "api", false)).hasSize(count);
        assertThat(version("api", digest).tags()).containsExactly("latest", "prod");
        assertThat(version("api", digest).updatedAt()).isEqualTo(START.plus(Duration.ofMinutes(3)));

        // By digest: verified against the bytes.
        assertThat(putManifest("acme/api", digest, manifest, OCI_MANIFEST, token).statusCode()).isEqualTo(201);
        HttpResponse<String> mismatch = putManifest("acme/api", Digests.sha256(new byte[] {3}), manifest, OCI_MANIFEST, token);
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(code(mismatch)).isEqualTo("DIGEST_INVALID");
        // Deleting through the registry is still not possible.
        assertThat(http.send("DELETE", "/v2/acme/api/manifests/" + digest, null, auth(token)).statusCode()).isEqualTo(405);
    }

    @Test
    void anExistingIndexCanBeTaggedAgainWithItsOwnBytes() {
        String token = http.pushToken("acme/web", "octocat", OCTOCAT);
        HttpResponse<byte[]> index = http.bytes("GET", "/v2/acme/web/manifests/v1.1.0", auth(token, "Accept", ACCEPT_ALL));
        String digest = index.headers().firstValue("Docker-Content-Digest").orElseThrow();
        int count = simulator.control().versions("acme", "web", false).size();

        HttpResponse<String> promoted = putManifest("acme/web", "prod", index.body(), OCI_INDEX, token);

        assertThat(promoted.statusCode()).isEqualTo(201);
        assertThat(promoted.headers().firstValue("Docker-Content-Digest")).hasValue(digest);
        assertThat(simulator.control().resolveTag("acme", "web", "prod")).hasValue(digest);
        assertThat(simulator.control().versions("acme", "web", false)).hasSize(count);
        assertThat(version("web", digest).tags()).containsExactly("v1.1.0", "prod");
    }

    @Test
    void aManifestPutIsRefusedWhenItsTypeOrReferencesAreWrong() {
        String token = http.pushToken("acme/api", "octocat", OCTOCAT);
        byte[] manifest = imageManifest("acme/api", token, "checked");
        assertThat(code(putManifest("acme/api", "x", manifest, "application/json", token))).isEqualTo("MANIFEST_INVALID");
        assertThat(code(putManifest("acme/api", "x", manifest, "application/vnd.docker.distribution.manifest.v2+json", token)))
                .isEqualTo("MANIFEST_INVALID");
        assertThat(code(putManifest("acme/api", "x", "not json".getBytes(StandardCharsets.UTF_8), OCI_MANIFEST, token)))
                .isEqualTo("MANIFEST_INVALID");
        assertThat(code(putManifest("acme/api", "-bad-tag", manifest, OCI_MANIFEST, token))).isEqualTo("TAG_INVALID");

        String missing = Digests.sha256("never uploaded".getBytes(StandardCharsets.UTF_8));
        byte[] dangling = json("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + missing + "\",\"size\":2},\"layers\":[]}");
        HttpResponse<String> unknownBlob = putManifest("acme/api", "x", dangling, OCI_MANIFEST, token);
        assertThat(unknownBlob.statusCode()).isEqualTo(400);
        assertThat(code(unknownBlob)).isEqualTo("MANIFEST_BLOB_UNKNOWN");
        assertThat(SimHttp.json(unknownBlob).get("errors").get(0).get("detail").asString()).isEqualTo(missing);
        byte[] index = json("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":[{\"mediaType\":\"" + OCI_MANIFEST
                + "\",\"digest\":\"" + missing + "\",\"size\":10}]}");
        assertThat(code(putManifest("acme/api", "x", index, OCI_INDEX, token))).isEqualTo("MANIFEST_BLOB_UNKNOWN");
        assertThat(simulator.control().resolveTag("acme", "api", "x")).isEmpty();
    }

    @Test
    void dockerManifestsAndManifestListsArePushedToo() {
        String token = http.pushToken("acme/api", "octocat", OCTOCAT);
        String config = upload("acme/api", token, "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8));
        String layer = upload("acme/api", token, "docker layer".getBytes(StandardCharsets.UTF_8));
        byte[] manifest = json("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":40,\"digest\":\"" + config
                + "\"},\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"size\":12,\"digest\":\""
                + layer + "\"}]}");
        String docker = "application/vnd.docker.distribution.manifest.v2+json";
        assertThat(putManifest("acme/api", Digests.sha256(manifest), manifest, docker, token).statusCode()).isEqualTo(201);
        byte[] list = json("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.list.v2+json\","
                + "\"manifests\":[{\"mediaType\":\"" + docker + "\",\"size\":" + manifest.length + ",\"digest\":\""
                + Digests.sha256(manifest) + "\",\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}]}");
        assertThat(putManifest("acme/api", "docker", list, "application/vnd.docker.distribution.manifest.list.v2+json", token)
                .statusCode()).isEqualTo(201);

        HttpResponse<byte[]> pulled = http.bytes("GET", "/v2/acme/api/manifests/docker", auth(token, "Accept", ACCEPT_ALL));
        assertThat(pulled.headers().firstValue("Content-Type")).hasValue("application/vnd.docker.distribution.manifest.list.v2+json");
        assertThat(simulator.control().isComplete("acme", "api", Digests.sha256(list))).isTrue();
        assertThat(version("api", Digests.sha256(manifest)).tags()).isEmpty();
    }

    @Test
    void registryTokensExpireWhenTheySayAndClientsMustRenew() {
        HttpResponse<String> issued = http.registryToken("acme/web", "octocat", OCTOCAT);
        long lifetime = SimHttp.json(issued).get("expires_in").asLong();
        assertThat(lifetime).isEqualTo(300);
        String token = SimHttp.json(issued).get("token").asString();
        String path = "/v2/acme/web/manifests/latest";
        clock.advance(Duration.ofSeconds(lifetime - 1));
        assertThat(http.bytes("HEAD", path, auth(token, "Accept", ACCEPT_ALL)).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> expired = http.raw("GET", path, null, auth(token, "Accept", ACCEPT_ALL));
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("scope=\"repository:acme/web:pull\"", "error=\"invalid_token\"");
        assertThat(http.raw("GET", "/v2/", null, auth(token)).statusCode()).isEqualTo(401);
        String renewed = http.pullToken("acme/web", "octocat", OCTOCAT);
        assertThat(http.bytes("HEAD", path, auth(renewed, "Accept", ACCEPT_ALL)).statusCode()).isEqualTo(200);
    }

    @Test
    void theFirstPushToANewNameCreatesAPrivatePackageForMembersOnly() {
        String token = http.pushToken("acme/brand-new", "hubot", "ghp_demo_hubot_all");
        byte[] manifest = imageManifest("acme/brand-new", token, "first");
        assertThat(http.get("/orgs/acme/packages/container/brand-new", OCTOCAT).statusCode()).isEqualTo(404);

        assertThat(putManifest("acme/brand-new", "v1", manifest, OCI_MANIFEST, token).statusCode()).isEqualTo(201);

        JsonNode created = SimHttp.json(http.get("/orgs/acme/packages/container/brand-new", OCTOCAT));
        assertThat(created.get("visibility").asString()).isEqualTo("private");
        assertThat(created.get("version_count").asLong()).isEqualTo(1);
        assertThat(http.scopedToken("repository:acme/other-new:pull,push", "eve", "ghp_demo_eve_all").statusCode()).isEqualTo(403);
    }

    @Test
    void aVersionPushedAgainAfterItsDeleteIsNewAndTheOldOneCannotBeRestored() {
        SimulatorControl control = simulator.control();
        String token = http.pushToken("acme/api", "octocat", OCTOCAT);
        String digest = control.resolveTag("acme", "api", "v0.9").orElseThrow();
        byte[] bytes = http.bytes("GET", "/v2/acme/api/manifests/" + digest, auth(token, "Accept", ACCEPT_ALL)).body();
        long oldId = version("api", digest).id();
        assertThat(http.api("DELETE", "/orgs/acme/packages/container/api/versions/" + oldId, OCTOCAT).statusCode()).isEqualTo(204);

        assertThat(putManifest("acme/api", "v0.9", bytes, OCI_MANIFEST, token).statusCode()).isEqualTo(201);

        assertThat(version("api", digest).id()).isNotEqualTo(oldId);
        assertThat(http.api("POST", "/orgs/acme/packages/container/api/versions/" + oldId + "/restore", OCTOCAT).statusCode())
                .isEqualTo(404);
    }

    // ---- helpers -----------------------------------------------------------------------------

    /** Uploads a config and a layer and returns an OCI image manifest referencing them (not yet pushed). */
    private byte[] imageManifest(String repository, String token, String seed) {
        byte[] configBytes = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"seed\":\"" + seed + "\"}}}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] layerBytes = ("layer of " + seed).getBytes(StandardCharsets.UTF_8);
        String config = upload(repository, token, configBytes);
        String layer = upload(repository, token, layerBytes);
        return json("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + config + "\",\"size\":" + configBytes.length
                + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + layer + "\",\"size\":"
                + layerBytes.length + "}]}");
    }

    private String upload(String repository, String token, byte[] bytes) {
        String location = startUpload(repository, token).headers().firstValue("Location").orElseThrow();
        String digest = Digests.sha256(bytes);
        HttpResponse<String> done = http.send("PUT", location + "?digest=" + digest, bytes, auth(token,
                "Content-Type", "application/octet-stream"));
        assertThat(done.statusCode()).as("upload to %s: %s", repository, done.body()).isEqualTo(201);
        return digest;
    }

    private HttpResponse<String> startUpload(String repository, String token) {
        return http.send("POST", "/v2/" + repository + "/blobs/uploads/", null, auth(token));
    }

    private int uploadStatus(String repository, String token) {
        return startUpload(repository, token).statusCode();
    }

    private HttpResponse<String> putManifest(String repository, String reference, byte[] body, String contentType, String token) {
        return http.send("PUT", "/v2/" + repository + "/manifests/" + reference, body, auth(token, "Content-Type", contentType));
    }

    private String token(String scope, String login, String token) {
        HttpResponse<String> response = http.scopedToken(scope, login, token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return SimHttp.json(response).get("token").asString();
    }

    private String firstLayerOf(String repository, String tag) {
        String token = http.pullToken(repository, "octocat", OCTOCAT);
        JsonNode index = SimHttp.json(http.raw("GET", "/v2/" + repository + "/manifests/" + tag, null, auth(token, "Accept", ACCEPT_ALL)));
        String child = index.get("manifests").get(0).get("digest").asString();
        JsonNode manifest = SimHttp.json(http.raw("GET", "/v2/" + repository + "/manifests/" + child, null,
                auth(token, "Accept", ACCEPT_ALL)));
        return manifest.get("layers").get(0).get("digest").asString();
    }

    private SimulatedVersion version(String packageName, String digest) {
        List<SimulatedVersion> versions = simulator.control().versions("acme", packageName, false);
        return versions.stream().filter(v -> v.digest().equals(digest)).findFirst().orElseThrow();
    }

    private static String code(HttpResponse<String> response) {
        return SimHttp.json(response).get("errors").get(0).get("code").asString();
    }

    private static String[] auth(String token, String... more) {
        String[] headers = new String[more.length + 2];
        headers[0] = "Authorization";
        headers[1] = "Bearer " + token;
        System.arraycopy(more, 0, headers, 2, more.length);
        return headers;
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        return java.util.Arrays.copyOfRange(bytes, from, to);
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
