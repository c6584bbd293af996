package dev.ghcrdashboard.simulator;

import dev.ghcrdashboard.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class RestBehaviourTest {

    private static final String ALL = "ghp_demo_octocat_all";
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    @Test
    void linkHeaderWalksEveryPageAndCanOmitLast() {
        try (Simulator simulator = Simulator.start(Scenario.demo(), SimulatorOptions.defaults())) {
            SimHttp http = new SimHttp(simulator.baseUrl());
            HttpResponse<String> first = http.get("/orgs/acme/packages/container/base/versions?per_page=50", ALL);
            assertThat(first.headers().firstValue("Link").orElseThrow()).contains("rel=\"next\"", "rel=\"last\"", "page=3");
            assertThat(walk(http, first)).hasSize(120).doesNotHaveDuplicates();
            assertThat(SimHttp.json(http.get("/orgs/acme/packages/container/base/versions", ALL))).hasSize(30);
        }
        SimulatorOptions noLast = SimulatorOptions.defaults().withLinkLast(false).withLinkByOwnerId(true);
        try (Simulator simulator = Simulator.start(Scenario.demo(), noLast)) {
            SimHttp http = new SimHttp(simulator.baseUrl());
            HttpResponse<String> first = http.get("/orgs/acme/packages/container/base/versions?per_page=50", ALL);
            String link = first.headers().firstValue("Link").orElseThrow();
            assertThat(link).doesNotContain("rel=\"last\"").contains("/api/v3/organizations/1000/packages/container/base/versions");
            assertThat(walk(http, first)).hasSize(120).doesNotHaveDuplicates();
        }
    }

    @Test
    void versionListsPagePastTenThousandWhilePackageListsRefuse() {
        Scenario scenario = Scenario.load(new java.io.ByteArrayInputStream("""
                users: [{login: bench, id: 9, tokens: [{token: t, scopes: [read:packages]}]}]
                packages: [{owner: bench, name: big, generate: {images: 2100, platforms: 2, attestations: true}}]
                """.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        try (Simulator simulator = Simulator.start(scenario, SimulatorOptions.defaults())) {
            SimHttp http = new SimHttp(simulator.baseUrl());
            HttpResponse<String> last = http.get("/users/bench/packages/container/big/versions?per_page=100&page=105", "t");
            assertThat(last.statusCode()).isEqualTo(200);
            assertThat(SimHttp.json(last)).hasSize(100);
            assertThat(last.headers().firstValue("Link").orElseThrow()).contains("page=104>; rel=\"prev\"").doesNotContain("rel=\"next\"");
            HttpResponse<String> beyond = http.get("/users/bench/packages/container/big/versions?per_page=100&page=106", "t");
            assertThat(SimHttp.json(beyond)).isEmpty();
            assertThat(http.get("/users/bench/packages?package_type=container&per_page=100&page=101", "t").statusCode()).isEqualTo(400);
            assertThat(http.get("/users/bench/packages?package_type=container&per_page=100&page=100", "t").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void linksByOwnerIdNameOrgsAsOrganizationsAndUsersAsUser() {
        SimulatorOptions byId = SimulatorOptions.defaults().withLinkByOwnerId(true);
        try (Simulator simulator = Simulator.start(Scenario.demo(), byId)) {
            SimHttp http = new SimHttp(simulator.baseUrl());
            HttpResponse<String> user = http.get("/users/octocat/packages/container/dotfiles/versions?per_page=1", ALL);
            assertThat(user.headers().firstValue("Link").orElseThrow())
                    .startsWith("<" + simulator.apiUrl() + "/user/1/packages/container/dotfiles/versions?per_page=1&page=2>; rel=\"next\"");
            assertThat(walk(http, user)).hasSize(3).doesNotHaveDuplicates();
            HttpResponse<String> nested = http.get("/orgs/acme/packages/container/tools%2Fcli/versions?per_page=2", ALL);
            assertThat(nested.headers().firstValue("Link").orElseThrow())
                    .contains(simulator.apiUrl() + "/organizations/1000/packages/container/tools%2Fcli/versions?per_page=2&page=2>");
            assertThat(walk(http, nested)).hasSize(simulator.control().versions("acme", "tools/cli", false).size());
            // The signed-in user's own path has no owner in it to replace.
            HttpResponse<String> own = http.get("/user/packages/container/dotfiles/versions?per_page=1", ALL);
            assertThat(own.headers().firstValue("Link").orElseThrow())
                    .startsWith("<" + simulator.apiUrl() + "/user/packages/container/dotfiles/versions?per_page=1&page=2>");
        }
    }

    @Test
    void notModifiedAnswersDoNotCountAgainstTheRateLimit() {
        try (Simulator simulator = Simulator.start(Scenario.demo(), SimulatorOptions.defaults())) {
            SimHttp http = new SimHttp(simulator.baseUrl());
            HttpResponse<String> first = http.get("/orgs/acme/packages?package_type=container", ALL);
            String remaining = first.headers().firstValue("x-ratelimit-remaining").orElseThrow();
            String etag = first.headers().firstValue("ETag").orElseThrow();

            HttpResponse<String> again = http.get("/orgs/acme/packages?package_type=container", ALL, "If-None-Match", etag);

            assertThat(first.headers().firstValue("X-Accepted-OAuth-Scopes")).hasValue("read:packages");
            assertThat(first.headers().firstValue("Cache-Control")).as("only the asker's own cache may keep it")
                    .hasValue("private, max-age=60, s-maxage=60");
            assertThat(again.statusCode()).isEqualTo(304);
            assertThat(again.headers().firstValue("Cache-Control")).hasValue("private, max-age=60, s-maxage=60");
            assertThat(again.body()).isEmpty();
            assertThat(again.headers().firstValue("x-ratelimit-remaining")).hasValue(remaining);
            assertThat(simulator.control().counts().restNotModified()).isEqualTo(1);
            assertThat(simulator.control().counts().rest()).isEqualTo(2);
            // A change makes the old ETag stale.
            simulator.control().setVisibility("acme", "api", "public");
            assertThat(http.get("/orgs/acme/packages?package_type=container", ALL, "If-None-Match", etag).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void deleteRulesLastVersionPopularPackagesAndAccess() {
        try (Simulator simulator = Simulator.start(Scenario.demo(), SimulatorOptions.defaults())) {
            SimHttp http = new SimHttp(simulator.baseUrl());
            SimulatorControl control = simulator.control();

            long only = control.versions("acme", "single", false).get(0).id();
            HttpResponse<String> last = http.api("DELETE", "/orgs/acme/packages/container/single/versions/" + only, ALL);
            assertThat(last.statusCode()).isEqualTo(400);
            assertThat(SimHttp.json(last).get("message").asString())
                    .isEqualTo("You cannot delete the last version of a package. You must delete the package instead.");

            long popular = control.versions("acme", "popular", false).get(1).id();
            HttpResponse<String> refused = http.api("DELETE", "/orgs/acme/packages/container/popular/versions/" + popular, ALL);
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(SimHttp.json(refused).get("message").asString()).contains("5000 downloads");
            assertThat(control.versions("acme", "popular", false)).hasSize(2);
            // Private again, the same package may go.
            control.setVisibility("acme", "popular", "private");
            assertThat(http.api("DELETE", "/orgs/acme/packages/container/popular/versions/" + popular, ALL).statusCode())
                    .isEqualTo(204);

            // Not the owner, not a member: hidden behind 404, also for eve who has every scope.
            assertThat(SimHttp.json(http.get("/users/hubot/packages/container/robot", ALL)).get("message").asString())
                    .isEqualTo("Package not found.");
            assertThat(http.get("/orgs/acme/packages/container/api", "ghp_demo_eve_all").statusCode()).isEqualTo(404);
            long robot = control.versions("hubot", "robot", false).get(1).id();
            assertThat(http.api("DELETE", "/users/hubot/packages/container/robot/versions/" + robot, ALL).statusCode())
                    .isEqualTo(404);
            assertThat(control.versions("hubot", "robot", false)).hasSize(2);

            // Someone else deleted it first: 404, "already deleted".
            long orphan = untagged(control.versions("acme", "api", false));
            control.deleteVersionAsSomeoneElse("acme", "api", orphan);
            assertThat(http.api("DELETE", "/orgs/acme/packages/container/api/versions/" + orphan, ALL).statusCode()).isEqualTo(404);

            // No PATCH or PUT anywhere, like GitHub (visibility has no API).
            assertThat(http.api("PATCH", "/orgs/acme/packages/container/api", ALL).statusCode()).isEqualTo(404);
            assertThat(http.api("PUT", "/orgs/acme/packages/container/api", ALL).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void outsidersReadOnlyThePublicPackagesOfAnotherUserOrOrg() {
        String eve = "ghp_demo_eve_all"; // every scope, no membership anywhere
        try (Simulator simulator = Simulator.start(Scenario.demo(), SimulatorOptions.defaults())) {
            SimHttp http = new SimHttp(simulator.baseUrl());
            SimulatorControl control = simulator.control();

            // docs/ghcr-platform.md §2.7: the lists hold what the caller may read, which for an outsider is the public packages.
            assertThat(names(http.get("/orgs/acme/packages?package_type=container", eve))).containsExactlyInAnyOrder("web", "popular", "leaky");
            assertThat(names(http.get("/orgs/acme/packages?package_type=container", "ghp_demo_hubot_all")))
                    .as("a member reads the private ones too").contains("web", "api", "tools/cli");
            assertThat(names(http.get("/users/octocat/packages?package_type=container", eve))).containsExactly("hello");
            assertThat(SimHttp.json(http.get("/users/hubot/packages?package_type=container", eve))).isEmpty();

            // A public package and its versions read like a member's; a private one is "not found" at every endpoint.
            assertThat(http.get("/orgs/acme/packages/container/web", eve).statusCode()).isEqualTo(200);
            JsonNode versions = SimHttp.json(http.get("/orgs/acme/packages/container/web/versions", eve));
            assertThat(versions.size()).isPositive();
            long webVersion = versions.get(0).get("id").asLong();
            assertThat(http.get("/orgs/acme/packages/container/web/versions/" + webVersion, eve).statusCode()).isEqualTo(200);
            assertThat(http.get("/users/octocat/packages/container/hello/versions", eve).statusCode()).isEqualTo(200);
            long apiVersion = control.versions("acme", "api", false).get(0).id();
            for (String path : List.of("/orgs/acme/packages/container/api", "/orgs/acme/packages/container/api/versions",
                    "/orgs/acme/packages/container/api/versions/" + apiVersion, "/orgs/acme/packages/container/tools%2Fcli",
                    "/users/octocat/packages/container/dotfiles", "/users/octocat/packages/container/dotfiles/versions")) {
                HttpResponse<String> hidden = http.get(path, eve);
                assertThat(hidden.statusCode()).as(path).isEqualTo(404);
                assertThat(SimHttp.json(hidden).get("message").asString()).as(path).isEqualTo("Package not found.");
            }

            // Reading is not administering: the outsider deletes nothing of a public package.
            assertThat(http.api("DELETE", "/orgs/acme/packages/container/web/versions/" + webVersion, eve).statusCode()).isEqualTo(404);
            assertThat(http.api("DELETE", "/orgs/acme/packages/container/web", eve).statusCode()).isEqualTo(404);
            assertThat(control.versions("acme", "web", false)).extracting(SimulatedVersion::id).contains(webVersion);

            // docs/ghcr-platform.md §2.8: one lookup tells a user from an organization, and spells the login GitHub's way.
            JsonNode acme = SimHttp.json(http.get("/users/ACME", eve));
            assertThat(acme.get("type").asString()).isEqualTo("Organization");
            assertThat(acme.get("login").asString()).isEqualTo("acme");
            assertThat(SimHttp.json(http.get("/users/hubot", eve)).get("type").asString()).isEqualTo("User");
            assertThat(http.get("/users/nobody-here", eve).statusCode()).isEqualTo(404);
        }
    }

    private static List<String> names(HttpResponse<String> list) {
        assertThat(list.statusCode()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        SimHttp.json(list).forEach(pkg -> names.add(pkg.get("name").asString()));
        return names;
    }

    @Test
    void missingScopeIsA403NamingTheScopes() {
        try (Simulator simulator = Simulator.start(Scenario.demo(), SimulatorOptions.defaults())) {
            SimHttp http = new SimHttp(simulator.baseUrl());
            long orphan = untagged(simulator.control().versions("acme", "api", false));
            HttpResponse<String> response = http.api("DELETE", "/orgs/acme/packages/container/api/versions/" + orphan,
                    "ghp_demo_octocat_read");
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.headers().firstValue("X-Accepted-OAuth-Scopes").orElseThrow()).contains("delete:packages");
            assertThat(response.headers().firstValue("X-OAuth-Scopes")).hasValue("read:org, read:packages");
            assertThat(SimHttp.json(response).get("message").asString()).contains("delete:packages");
            HttpResponse<String> restore = http.api("POST", "/orgs/acme/packages/container/api/versions/" + orphan + "/restore",
                    "ghp_demo_octocat_read");
            assertThat(restore.headers().firstValue("X-Accepted-OAuth-Scopes").orElseThrow()).contains("write:packages");
            assertThat(http.get("/orgs/acme/packages?package_type=container", "bogus").body()).contains("Bad credentials");
        }
    }

    @Test
    void deletedVersionsRestoreWithinThirtyDaysOnly() {
        MutableClock clock = new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));
        try (Simulator simulator = Simulator.start(Scenario.demo(), SimulatorOptions.defaults().withClock(clock))) {
            SimHttp http = new SimHttp(simulator.baseUrl());
            List<SimulatedVersion> versions = simulator.control().versions("acme", "api", false);
            long early = versions.get(1).id();
            long late = versions.get(2).id();
            String base = "/orgs/acme/packages/container/api/versions/";
            assertThat(http.api("DELETE", base + early, ALL).statusCode()).isEqualTo(204);
            assertThat(http.api("DELETE", base + late, ALL).statusCode()).isEqualTo(204);
            JsonNode deleted = SimHttp.json(http.get("/orgs/acme/packages/container/api/versions?state=deleted", ALL));
            assertThat(deleted).hasSize(2);
            assertThat(deleted.get(0).get("deleted_at").asString()).isEqualTo("2026-06-01T00:00:00Z");

            clock.advance(Duration.ofDays(29));
            assertThat(http.api("POST", base + early + "/restore", ALL).statusCode()).isEqualTo(204);
            clock.advance(Duration.ofDays(2));
            assertThat(http.api("POST", base + late + "/restore", ALL).statusCode()).isEqualTo(404);
            assertThat(simulator.control().versions("acme", "api", true)).extracting(SimulatedVersion::id).containsExactly(late);
        }
    }

    @Test
    void deletedPackageDisappearsAndComesBack() {
        try (Simulator simulator = Simulator.start(Scenario.demo(), SimulatorOptions.defaults())) {
            SimHttp http = new SimHttp(simulator.baseUrl());
            String tagged = simulator.control().resolveTag("acme", "tools/cli", "v1").orElseThrow();
            assertThat(http.api("DELETE", "/orgs/acme/packages/container/tools%2Fcli", ALL).statusCode()).isEqualTo(204);
            assertThat(http.get("/orgs/acme/packages/container/tools%2Fcli", ALL).statusCode()).isEqualTo(404);
            assertThat(http.get("/orgs/acme/packages?package_type=container", ALL).body()).doesNotContain("tools/cli");
            assertThat(simulator.control().resolveTag("acme", "tools/cli", "v1")).isEmpty();
            assertThat(http.api("POST", "/orgs/acme/packages/container/tools%2Fcli/restore", ALL).statusCode()).isEqualTo(204);
            assertThat(simulator.control().resolveTag("acme", "tools/cli", "v1")).hasValue(tagged);
            // A raw slash is a different path, as on GitHub.
            assertThat(http.get("/orgs/acme/packages/container/tools/cli", ALL).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void primaryRateLimitRunsOutWithA403() {
        try (Simulator simulator = Simulator.start(Scenario.demo(), SimulatorOptions.defaults().withRateLimitPerHour(3))) {
            SimHttp http = new SimHttp(simulator.baseUrl());
            for (int i = 0; i < 3; i++) {
                assertThat(http.get("/user", ALL).statusCode()).isEqualTo(200);
            }
            HttpResponse<String> limited = http.get("/user", ALL);
            assertThat(limited.statusCode()).isEqualTo(403);
            assertThat(limited.headers().firstValue("x-ratelimit-remaining")).hasValue("0");
            assertThat(limited.headers().firstValue("x-ratelimit-reset")).isPresent();
            assertThat(SimHttp.json(limited).get("message").asString()).contains("rate limit exceeded");
            // Other tokens have their own budget.
            assertThat(http.get("/user", "ghp_demo_hubot_all").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void secondaryLimitAnswers403WithRetryAfterPerEndpoint() {
        MutableClock clock = new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));
        SimulatorOptions options = SimulatorOptions.defaults().withClock(clock)
                .withSecondaryLimit(new SecondaryLimit(10, Duration.ofSeconds(60)));
        try (Simulator simulator = Simulator.start(Scenario.demo(), options)) {
            SimHttp http = new SimHttp(simulator.baseUrl());
            List<SimulatedVersion> versions = simulator.control().versions("acme", "base", false);
            String base = "/orgs/acme/packages/container/base/versions/";
            assertThat(http.api("DELETE", base + versions.get(0).id(), ALL).statusCode()).isEqualTo(204);
            assertThat(http.api("DELETE", base + versions.get(1).id(), ALL).statusCode()).isEqualTo(204);
            HttpResponse<String> third = http.api("DELETE", base + versions.get(2).id(), ALL);
            assertThat(third.statusCode()).isEqualTo(403);
            assertThat(third.headers().firstValue("retry-after")).hasValue("60");
            JsonNode body = SimHttp.json(third);
            assertThat(body.isObject()).isTrue();
            assertThat(body.get("message").asString()).startsWith("You have exceeded a secondary rate limit");
            // Listing is another endpoint with its own budget.
            assertThat(http.get("/orgs/acme/packages/container/base/versions", ALL).statusCode()).isEqualTo(200);

            clock.advance(Duration.ofSeconds(45));
            assertThat(http.api("DELETE", base + versions.get(2).id(), ALL).headers().firstValue("retry-after")).hasValue("15");
            clock.advance(Duration.ofSeconds(15));
            assertThat(http.api("DELETE", base + versions.get(2).id(), ALL).statusCode()).isEqualTo(204);
        }
    }

    @Test
    void faultsFireAfterNMatchesForALimitedNumberOfTimes() {
        try (Simulator simulator = Simulator.start(Scenario.demo(), SimulatorOptions.defaults())) {
            SimHttp http = new SimHttp(simulator.baseUrl());
            simulator.control().addFault(FaultRule.status("GET", "/versions\\?.*page=2", 500).afterMatches(1).times(1));
            String page2 = "/orgs/acme/packages/container/base/versions?page=2";
            assertThat(http.get(page2, ALL).statusCode()).isEqualTo(200);
            assertThat(http.get(page2, ALL).statusCode()).isEqualTo(500);
            assertThat(http.get(page2, ALL).statusCode()).isEqualTo(200);

            simulator.control().addFault(FaultRule.secondaryLimit("DELETE", "/versions/", 7));
            HttpResponse<String> limited = http.api("DELETE", "/orgs/acme/packages/container/base/versions/1", ALL);
            assertThat(limited.statusCode()).isEqualTo(403);
            assertThat(limited.headers().firstValue("retry-after")).hasValue("7");
            assertThat(SimHttp.json(limited).get("message").asString()).contains("secondary rate limit");

            simulator.control().addFault(FaultRule.status(null, "^/v2/", 429).retryAfter(3));
            assertThat(http.raw("GET", "/v2/", null).statusCode()).isEqualTo(429);

            simulator.control().clearFaults();
            assertThat(http.raw("GET", "/v2/", null).statusCode()).isEqualTo(401);
            assertThat(http.api("DELETE", "/orgs/acme/packages/container/base/versions/1", ALL).statusCode()).isEqualTo(404);
        }
    }

    private static List<String> walk(SimHttp http, HttpResponse<String> first) {
        List<String> names = new ArrayList<>();
        HttpResponse<String> page = first;
        while (true) {
            SimHttp.json(page).forEach(version -> names.add(version.get("name").asString()));
            Matcher next = NEXT.matcher(page.headers().firstValue("Link").orElse(""));
            if (!next.find()) {
                return names;
            }
            page = http.get(next.group(1), ALL);
            assertThat(page.statusCode()).isEqualTo(200);
        }
    }

    private static long untagged(List<SimulatedVersion> versions) {
        return versions.stream().filter(version -> version.tags().isEmpty()).findFirst().orElseThrow().id();
    }
}
