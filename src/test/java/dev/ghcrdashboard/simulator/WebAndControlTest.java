package dev.ghcrdashboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebAndControlTest {

    private Simulator simulator;
    private SimHttp http;

    @BeforeEach
    void start() {
        simulator = Simulator.start(Scenario.demo(), SimulatorOptions.defaults());
        http = new SimHttp(simulator.baseUrl());
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

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
}
