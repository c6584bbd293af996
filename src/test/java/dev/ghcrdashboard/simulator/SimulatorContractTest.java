package dev.ghcrdashboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import tools.jackson.databind.JsonNode;

/** Every kind of REST response the simulator gives, validated against GitHub's OpenAPI description. */
class SimulatorContractTest {

    private static final String ALL = "ghp_demo_octocat_all";
    @RegisterExtension
    static final DemoWorld simulator = new DemoWorld();
    private static final SimHttp http = new SimHttp(simulator::baseUrl);
    private static OpenApiContract contract;

    @BeforeAll
    static void start() {
        contract = OpenApiContract.packagesApi();
        simulator.control().addExchangeListener(contract.listener());
    }

    @Test
    void everyKindOfRestResponseMatchesGithubsDescription() {
        List<String> answered = List.of(
                // Users, orgs, memberships, rate limit.
                "/user", "/users/hubot", "/users/acme", "/user/orgs", "/user/memberships/orgs",
                "/user/memberships/orgs/acme", "/orgs/acme/memberships/hubot", "/orgs/acme/teams", "/rate_limit",
                // Package lists, filtered and paged, for an org, the signed-in user and another user.
                "/orgs/acme/packages?package_type=container&visibility=public&per_page=2&page=2",
                "/user/packages?package_type=container", "/users/octocat/packages?package_type=container",
                "/users/hubot/packages?package_type=container",
                // Single packages, including a nested name and a package linked to a repository.
                "/orgs/acme/packages/container/web", "/orgs/acme/packages/container/tools%2Fcli",
                "/users/octocat/packages/container/dotfiles", "/user/packages/container/hello");
        for (String path : answered) {
            assertThat(http.get(path, ALL).statusCode()).as(path).isEqualTo(200);
        }
        assertThat(http.get("/users/nobody", ALL).statusCode()).isEqualTo(404);
        assertThat(SimHttp.json(http.get("/orgs/acme/packages?package_type=container", ALL)).size()).isGreaterThan(5);

        // Versions: lists (paged), one version, delete and restore, the deleted list.
        HttpResponse<String> versions = http.get("/orgs/acme/packages/container/base/versions?per_page=50&page=2", ALL);
        assertThat(versions.headers().firstValue("Link")).isPresent();
        JsonNode web = SimHttp.json(http.get("/orgs/acme/packages/container/web/versions", ALL));
        long untagged = untaggedVersion(web);
        assertThat(http.get("/orgs/acme/packages/container/web/versions/" + untagged, ALL).statusCode()).isEqualTo(200);
        assertThat(http.api("DELETE", "/orgs/acme/packages/container/api/versions/" + untaggedVersion(
                SimHttp.json(http.get("/orgs/acme/packages/container/api/versions", ALL))), ALL).statusCode()).isEqualTo(204);
        JsonNode dotfiles = SimHttp.json(http.get("/user/packages/container/dotfiles/versions", ALL));
        long orphan = untaggedVersion(dotfiles);
        assertThat(http.api("DELETE", "/user/packages/container/dotfiles/versions/" + orphan, ALL).statusCode()).isEqualTo(204);
        assertThat(SimHttp.json(http.get("/user/packages/container/dotfiles/versions?state=deleted", ALL)).get(0)
                .has("deleted_at")).isTrue();
        assertThat(http.get("/users/octocat/packages/container/dotfiles/versions?state=deleted", ALL).statusCode()).isEqualTo(200);
        assertThat(http.api("POST", "/user/packages/container/dotfiles/versions/" + orphan + "/restore", ALL).statusCode())
                .isEqualTo(204);
        long experiment = untaggedVersion(SimHttp.json(http.get("/orgs/octo-labs/packages/container/experiment/versions", ALL)));
        // octocat is only a member of octo-labs: no admin rights, so GitHub hides the package.
        assertThat(http.api("DELETE", "/orgs/octo-labs/packages/container/experiment/versions/" + experiment, ALL).statusCode())
                .isEqualTo(404);

        // Whole packages: delete and restore.
        assertThat(http.api("DELETE", "/user/packages/container/hello", ALL).statusCode()).isEqualTo(204);
        assertThat(http.api("POST", "/user/packages/container/hello/restore", ALL).statusCode()).isEqualTo(204);
        assertThat(http.api("DELETE", "/users/octocat/packages/container/hello", ALL).statusCode()).isEqualTo(204);
        assertThat(http.api("POST", "/users/octocat/packages/container/hello/restore", ALL).statusCode()).isEqualTo(204);

        // Errors: 400s, 401, 403, 404.
        assertThat(http.get("/orgs/acme/packages", ALL, OpenApiContract.EXPECT_INVALID_REQUEST, "true").statusCode())
                .isEqualTo(400);
        assertThat(http.get("/orgs/acme/packages?package_type=container&per_page=100&page=101", ALL).statusCode()).isEqualTo(400);
        assertThat(http.get("/orgs/acme/packages?package_type=container", "not-a-token").statusCode()).isEqualTo(401);
        assertThat(http.get("/orgs/acme/packages?package_type=container", null).statusCode()).isEqualTo(401);
        assertThat(http.api("DELETE", "/orgs/acme/packages/container/web/versions/" + untagged, "ghp_demo_octocat_read")
                .statusCode()).isEqualTo(403);
        assertThat(http.get("/users/hubot/packages/container/robot", ALL).statusCode()).isEqualTo(404);
        assertThat(http.get("/users/hubot/packages/container/robot/versions", ALL).statusCode()).isEqualTo(404);
        long only = SimHttp.json(http.get("/orgs/acme/packages/container/single/versions", ALL)).get(0).get("id").asLong();
        assertThat(http.api("DELETE", "/orgs/acme/packages/container/single/versions/" + only, ALL).statusCode()).isEqualTo(400);
        long popular = SimHttp.json(http.get("/orgs/acme/packages/container/popular/versions", ALL)).get(1).get("id").asLong();
        assertThat(http.api("DELETE", "/orgs/acme/packages/container/popular/versions/" + popular, ALL).statusCode()).isEqualTo(400);
        assertThat(http.api("DELETE", "/orgs/acme/packages/container/popular", ALL).statusCode()).isEqualTo(400);
        assertThat(http.api("DELETE", "/orgs/acme/packages/container/web/versions/1", ALL).statusCode()).isEqualTo(404);
        assertThat(http.api("POST", "/orgs/acme/packages/container/web/versions/" + untagged + "/restore", ALL).statusCode())
                .isEqualTo(404);
        assertThat(http.api("POST", "/orgs/acme/packages/container/web/restore", ALL).statusCode()).isEqualTo(404);

        // A secondary rate limit: a JSON object body even where the call normally answers an array.
        simulator.control().addFault(FaultRule.secondaryLimit(null, "/orgs/acme/packages\\?", 30).times(1));
        HttpResponse<String> limited = http.get("/orgs/acme/packages?package_type=container", ALL);
        assertThat(limited.statusCode()).isEqualTo(403);
        assertThat(limited.headers().firstValue("retry-after")).hasValue("30");

        // Conditional requests.
        HttpResponse<String> first = http.get("/orgs/acme/packages/container/web/versions", ALL);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(http.get("/orgs/acme/packages/container/web/versions", ALL, "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(http.get("/user", ALL, "If-None-Match", http.get("/user", ALL).headers().firstValue("ETag").orElseThrow())
                .statusCode()).isEqualTo(304);

        assertThat(contract.validatedCount()).isGreaterThan(50);
        contract.assertNoViolations();
    }

    @Test
    void theContractCatchesAResponseThatBreaksTheSchema() {
        OpenApiContract strict = OpenApiContract.packagesApi();
        strict.listener().accept(new RecordedExchange("GET", "/api/v3/orgs/acme/packages/container/web",
                java.util.Map.of(), null, 200, java.util.Map.of("Content-Type", java.util.List.of("application/json")),
                "{\"id\":1,\"name\":\"web\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(strict.violations()).anySatisfy(violation -> assertThat(violation).contains("required"));
    }

    private static long untaggedVersion(JsonNode versions) {
        for (JsonNode version : versions) {
            if (version.get("metadata").get("container").get("tags").isEmpty()) {
                return version.get("id").asLong();
            }
        }
        throw new AssertionError("no untagged version in " + versions);
    }
}
