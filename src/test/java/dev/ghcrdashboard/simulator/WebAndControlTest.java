package dev.ghcrdashboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import tools.jackson.databind.JsonNode;

class WebAndControlTest {

    @RegisterExtension
    final DemoWorld simulator = new DemoWorld();
    private final SimHttp http = new SimHttp(simulator::baseUrl);

    @Test
    void settingsPageChangesVisibilityOnlyWhenTheNameIsTyped() {
        String page = "/orgs/acme/packages/container/tools%2Fcli/settings";
        HttpResponse<String> settings = http.raw("GET", page, null);
        assertThat(settings.statusCode()).isEqualTo(200);
        assertThat(settings.body()).contains("Danger Zone", "Change visibility", "<code>tools/cli</code>");

        HttpResponse<String> wrong = http.form(page, "visibility=public&confirm=cli");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(simulator.control().visibility("acme", "tools/cli")).isEqualTo("private");

        HttpResponse<String> done = http.form(page, "visibility=public&confirm=tools%2Fcli");
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("changed to public");
        assertThat(simulator.control().visibility("acme", "tools/cli")).isEqualTo("public");
        assertThat(http.registryToken("acme/tools/cli", null, null).statusCode()).isEqualTo(200);

        assertThat(http.raw("GET", "/users/octocat/packages/container/dotfiles/settings", null).statusCode()).isEqualTo(200);
        assertThat(http.raw("GET", "/users/octocat/packages/container/nope/settings", null).statusCode()).isEqualTo(404);
    }

    @Test
    void packageAndVersionPagesAreServedWhereTheRestApiPointsToThem() {
        JsonNode cli = SimHttp.json(http.get("/orgs/acme/packages/container/tools%2Fcli", "ghp_demo_octocat_all"));
        String pageUrl = cli.get("html_url").asString();
        assertThat(pageUrl).isEqualTo(simulator.baseUrl() + "/orgs/acme/packages/container/package/tools%2Fcli");
        HttpResponse<String> page = http.raw("GET", path(pageUrl), null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1 id=\"package\">acme/tools/cli</h1>", "<span class=\"label\" id=\"visibility\">private</span>",
                "href=\"/acme/tools\"", "docker pull " + simulator.baseUrl().getAuthority() + "/acme/tools/cli:latest",
                "href=\"/orgs/acme/packages/container/tools%2Fcli/settings\"");
        // The raw slash is another path, as on GitHub; and an org's package is not under /users.
        assertThat(http.raw("GET", "/orgs/acme/packages/container/package/tools/cli", null).statusCode()).isEqualTo(404);
        assertThat(http.raw("GET", "/users/acme/packages/container/package/web", null).statusCode()).isEqualTo(404);

        JsonNode dotfiles = SimHttp.json(http.get("/users/octocat/packages/container/dotfiles", "ghp_demo_octocat_all"));
        assertThat(http.raw("GET", path(dotfiles.get("html_url").asString()), null).body()).contains("octocat/dotfiles");

        JsonNode version = SimHttp.json(http.get("/orgs/acme/packages/container/tools%2Fcli/versions", "ghp_demo_octocat_all")).get(0);
        HttpResponse<String> versionPage = http.raw("GET", path(version.get("html_url").asString()), null);
        assertThat(versionPage.statusCode()).isEqualTo(200);
        assertThat(versionPage.body()).contains(version.get("name").asString(), "href=\"/orgs/acme/packages/container/package/tools%2Fcli\"");
        simulator.control().deleteVersionAsSomeoneElse("acme", "tools/cli", version.get("id").asLong());
        assertThat(http.raw("GET", path(version.get("html_url").asString()), null).statusCode()).isEqualTo(404);
        assertThat(http.raw("GET", "/orgs/acme/packages/container/package/nope", null).statusCode()).isEqualTo(404);
    }

    @Test
    void repositoryPagesExistForTheRepositoriesThatPackagesAreLinkedTo() {
        JsonNode leaky = SimHttp.json(http.get("/orgs/acme/packages/container/leaky", "ghp_demo_octocat_all"));
        String repositoryUrl = leaky.get("repository").get("html_url").asString();
        assertThat(repositoryUrl).isEqualTo(simulator.baseUrl() + "/acme/secrets");
        HttpResponse<String> repository = http.raw("GET", path(repositoryUrl), null);
        assertThat(repository.statusCode()).isEqualTo(200);
        assertThat(repository.body()).contains("<h1 id=\"repository\">acme/secrets</h1>", "Private",
                "href=\"/orgs/acme/packages/container/package/leaky\"");
        assertThat(http.raw("GET", "/acme/no-such-repo", null).statusCode()).isEqualTo(404);
        assertThat(http.raw("POST", "/acme/secrets", "x").statusCode()).isEqualTo(404);
    }

    @Test
    void pagesEscapeWhatTheScenarioSays() {
        Scenario hostile = Scenario.load(new ByteArrayInputStream("""
                users: [{login: mallory}]
                packages:
                  - {owner: mallory, name: '<b>x</b>', visibility: public, repository: 'mallory/"><i>r',
                     images: [{tags: ['"><script>t</script>']}]}
                """.getBytes(StandardCharsets.UTF_8)));
        try (Simulator other = Simulator.start(hostile, SimulatorOptions.defaults())) {
            SimHttp otherHttp = new SimHttp(other.baseUrl());
            String page = otherHttp.raw("GET", "/users/mallory/packages/container/package/%3Cb%3Ex%3C%2Fb%3E", null).body();
            assertThat(page).contains("mallory/&lt;b&gt;x&lt;/b&gt;", "&quot;&gt;&lt;script&gt;t&lt;/script&gt;", "&quot;&gt;&lt;i&gt;r")
                    .doesNotContain("<b>x</b>", "<script>t", "<i>r");
            String repository = otherHttp.raw("GET", "/mallory/%22%3E%3Ci%3Er", null).body();
            assertThat(repository).contains("mallory/&quot;&gt;&lt;i&gt;r").doesNotContain("<i>r", "<b>x</b>");
        }
    }

    @Test
    void controlApiOverHttp() {
        assertThat(http.raw("POST", "/_simulator/visibility", "{\"owner\":\"acme\",\"package\":\"api\",\"visibility\":\"public\"}")
                .statusCode()).isEqualTo(204);
        assertThat(simulator.control().visibility("acme", "api")).isEqualTo("public");
        assertThat(http.raw("POST", "/_simulator/faults", "{\"method\":\"GET\",\"path\":\"^/api/v3/user$\",\"status\":502,\"times\":1}")
                .statusCode()).isEqualTo(204);
        assertThat(http.get("/user", "ghp_demo_octocat_all").statusCode()).isEqualTo(502);
        assertThat(http.get("/user", "ghp_demo_octocat_all").statusCode()).isEqualTo(200);
        assertThat(SimHttp.json(http.raw("GET", "/_simulator/counts", null)).get("rest").asLong()).isEqualTo(2);
        String digest = SimHttp.json(http.raw("POST", "/_simulator/push-tag",
                "{\"owner\":\"acme\",\"package\":\"api\",\"tag\":\"next\"}")).get("digest").asString();
        assertThat(SimHttp.json(http.raw("GET", "/_simulator/tags?owner=acme&package=api&tag=next", null)).get("digest").asString())
                .isEqualTo(digest);
        assertThat(http.raw("POST", "/_simulator/visibility", "{\"owner\":\"acme\",\"package\":\"nope\",\"visibility\":\"public\"}")
                .statusCode()).isEqualTo(404);
    }

    @Test
    void delayFaultMakesClientsTimeOut() throws Exception {
        simulator.control().addFault(FaultRule.delay("GET", "^/api/v3/rate_limit", Duration.ofSeconds(3)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.apiUrl() + "/rate_limit"))
                .header("Authorization", "token ghp_demo_octocat_all").timeout(Duration.ofMillis(200)).build();
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void aSlowRequestDoesNotHoldUpOthers() throws Exception {
        simulator.control().addFault(FaultRule.delay("GET", "^/api/v3/rate_limit", Duration.ofSeconds(30)));
        HttpRequest slow = HttpRequest.newBuilder(URI.create(simulator.apiUrl() + "/rate_limit"))
                .header("Authorization", "token ghp_demo_octocat_all").build();
        var pending = HttpClient.newHttpClient().sendAsync(slow, HttpResponse.BodyHandlers.ofString());
        try {
            assertThat(http.get("/user", "ghp_demo_octocat_all").statusCode()).isEqualTo(200);
            assertThat(pending).isNotDone();
        } finally {
            pending.cancel(true);
        }
    }

    @Test
    void exchangeListenersSeeRequestsAndAnswersButNeverPrintTokens() {
        java.util.List<RecordedExchange> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        simulator.control().addExchangeListener(seen::add);
        http.get("/user", "ghp_demo_octocat_all");
        assertThat(seen).hasSize(1);
        RecordedExchange exchange = seen.get(0);
        assertThat(exchange.status()).isEqualTo(200);
        assertThat(exchange.requestHeader("authorization")).isEqualTo("Bearer ghp_demo_octocat_all");
        assertThat(exchange.responseText()).contains("\"login\":\"octocat\"");
        assertThat(exchange.toString()).doesNotContain("ghp_demo");
    }

    /** The path and query of an absolute URL the simulator handed out. */
    private static String path(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}
