package dev.ghcrdashboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.simulator.OpenApiContract;
import dev.ghcrdashboard.simulator.RecordedExchange;
import dev.ghcrdashboard.simulator.Simulator;
import dev.ghcrdashboard.support.Dashboard;
import dev.ghcrdashboard.support.DashboardHttp;
import dev.ghcrdashboard.support.SimulatorBackedTest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the dashboard itself sends to GitHub while a person browses: every REST exchange must fit
 * GitHub's OpenAPI description, carry the recommended headers and the token of this sign-in, the
 * sign-in must ask for read scopes only with PKCE, and nested package names must be encoded the way
 * each API expects ({@code tools%2Fcli} in REST paths, raw in registry paths).
 */
@SimulatorBackedTest
class DashboardRequestContractTest {

    static final OpenApiContract contract = OpenApiContract.packagesApi();
    static final List<RecordedExchange> exchanges = Collections.synchronizedList(new ArrayList<>());

    private static final Pattern OWNER_LINK = Pattern.compile("<a href=\"(/owners/[^\"/]+/packages)\"");
    private static final Pattern VERSION_LINK = Pattern.compile("href=\"(/owners/acme/versions/\\d+\\?package=[^\"]+)\"");

    @Autowired
    Dashboard dashboard;

    @BeforeAll
    static void listen(@Autowired Simulator github) {
        github.control().addExchangeListener(contract.listener());
        github.control().addExchangeListener(exchanges::add);
    }

    @Test
    void everythingTheDashboardSendsFollowsGitHubsContract() {
        var http = dashboard.http();
        DashboardHttp.Page home = http.signIn("octocat");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.uri().getPath()).isEqualTo("/owners/octocat/packages");

        Set<String> ownerPages = new LinkedHashSet<>();
        Matcher options = OWNER_LINK.matcher(home.body());
        while (options.find()) {
            ownerPages.add(options.group(1));
        }
        assertThat(ownerPages).as("the owner switch lists the user and both orgs")
                .contains("/owners/octocat/packages", "/owners/acme/packages", "/owners/octo-labs/packages");
        for (String ownerPage : ownerPages) {
            DashboardHttp.Page packages = http.get(ownerPage);
            assertThat(packages.status()).as(ownerPage).isEqualTo(200);
        }

        DashboardHttp.Page nested = http.get("/owners/acme/packages/tools/cli");
        assertThat(nested.status()).isEqualTo(200);
        assertThat(nested.body()).contains("latest").doesNotContain("Reading manifests");
        Matcher versionLink = VERSION_LINK.matcher(nested.body());
        assertThat(versionLink.find()).as("the package page links its versions").isTrue();
        DashboardHttp.Page version = http.get(versionLink.group(1).replace("&amp;", "&"));
        assertThat(version.status()).isEqualTo(200);
        assertThat(version.body()).contains("application/vnd.oci");

        List<RecordedExchange> seen;
        synchronized (exchanges) {
            seen = List.copyOf(exchanges);
        }

        // Sign-in: read scopes only, PKCE with S256.
        RecordedExchange authorize = seen.stream()
                .filter(e -> e.method().equals("GET") && e.path().equals("/login/oauth/authorize")).findFirst().orElseThrow();
        assertThat(queryParam(authorize, "scope")).isEqualTo("read:packages read:org");
        assertThat(queryParam(authorize, "code_challenge_method")).isEqualTo("S256");
        assertThat(queryParam(authorize, "code_challenge")).matches("[A-Za-z0-9_-]{43}");
        RecordedExchange tokenExchange = seen.stream()
                .filter(e -> e.path().equals("/login/oauth/access_token")).findFirst().orElseThrow();
        assertThat(new String(tokenExchange.requestBody(), StandardCharsets.UTF_8)).contains("code_verifier=");
        String issued = JsonMapper.builder().build().readTree(tokenExchange.responseBody()).path("access_token").asString();
        assertThat(issued).isNotBlank();

        // REST: contract, headers, token.
        List<RecordedExchange> rest = seen.stream().filter(e -> e.path().startsWith("/api/v3/")).toList();
        assertThat(rest).hasSizeGreaterThan(5);
        assertThat(contract.validatedCount()).isEqualTo(rest.size());
        contract.assertNoViolations();
        for (RecordedExchange exchange : rest) {
            assertThat(exchange.requestHeader("Accept")).as(exchange.toString()).isEqualTo("application/vnd.github+json");
            assertThat(exchange.requestHeader("X-GitHub-Api-Version")).as(exchange.toString()).isEqualTo("2022-11-28");
            assertThat(exchange.requestHeader("Authorization")).as(exchange.toString() + " carries this sign-in's token")
                    .isEqualTo("Bearer " + issued);
            assertThat(exchange.status()).as(exchange.toString()).isIn(200, 304);
        }

        // Nested name: one encoded segment in REST, raw path in the registry.
        assertThat(rest).anySatisfy(e -> assertThat(e.path()).isEqualTo("/api/v3/orgs/acme/packages/container/tools%2Fcli"));
        assertThat(rest).anySatisfy(e -> assertThat(e.path()).isEqualTo("/api/v3/orgs/acme/packages/container/tools%2Fcli/versions"));
        assertThat(rest).noneSatisfy(e -> assertThat(e.path()).contains("tools/cli"));
        List<RecordedExchange> registry = seen.stream().filter(e -> e.path().startsWith("/v2/")).toList();
        assertThat(registry).anySatisfy(e -> assertThat(e.path()).startsWith("/v2/acme/tools/cli/manifests/sha256:"));
        assertThat(registry).noneSatisfy(e -> assertThat(e.path()).containsIgnoringCase("%2F"));
        RecordedExchange registryToken = seen.stream()
                .filter(e -> e.path().equals("/token") && e.pathAndQuery().contains("tools")).findFirst().orElseThrow();
        assertThat(queryParam(registryToken, "scope")).isEqualTo("repository:acme/tools/cli:pull");
    }

    private static String queryParam(RecordedExchange exchange, String name) {
        String pathAndQuery = exchange.pathAndQuery();
        int q = pathAndQuery.indexOf('?');
        if (q < 0) {
            return null;
        }
        for (String pair : pathAndQuery.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
