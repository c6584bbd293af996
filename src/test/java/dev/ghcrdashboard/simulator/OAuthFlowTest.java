package dev.ghcrdashboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import tools.jackson.databind.JsonNode;

class OAuthFlowTest {

    private static final String CALLBACK = "http://127.0.0.1:9/login/oauth2/code/github";
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    @RegisterExtension
    static final DemoWorld simulator = new DemoWorld();
    private static final SimHttp http = new SimHttp(simulator::baseUrl);

    @Test
    void authorizePageListsUsersAndScopesWithEverythingEscaped() {
        HttpResponse<String> page = http.raw("GET", "/login/oauth/authorize?client_id=demo-client&redirect_uri="
                + enc(CALLBACK) + "&scope=" + enc("read:packages read:org") + "&state=" + enc("\"><script>x</script>"), null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Sign in to the GitHub simulator", "value=\"octocat\"", "value=\"read:packages\"",
                "value=\"read:org\"", "id=\"authorize\"", "id=\"cancel\"");
        assertThat(page.body()).doesNotContain("<script>x</script>", "<img src=x");
        assertThat(page.body()).contains("&quot;&gt;&lt;script&gt;", "Eve &quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
        assertThat(page.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void unknownClientIsRefused() {
        assertThat(http.raw("GET", "/login/oauth/authorize?client_id=other&redirect_uri=" + enc(CALLBACK), null).statusCode())
                .isEqualTo(400);
    }

    @Test
    void codeWithPkceBecomesATokenForTheChosenUserWithTheGrantedScopesOnlyOnce() {
        String code = authorize("mona", OAuthFlow.s256(VERIFIER), "read:packages", "read:org");

        HttpResponse<String> wrongVerifier = exchange(code, "not-the-verifier");
        assertThat(SimHttp.json(wrongVerifier).get("error").asString()).isEqualTo("bad_verification_code");
        // The failed attempt used the code up, as GitHub's single-use codes are.
        assertThat(SimHttp.json(exchange(code, VERIFIER)).get("error").asString()).isEqualTo("bad_verification_code");

        String second = authorize("mona", OAuthFlow.s256(VERIFIER), "read:packages", "read:org");
        JsonNode token = SimHttp.json(exchange(second, VERIFIER));
        assertThat(token.get("token_type").asString()).isEqualTo("bearer");
        assertThat(token.get("scope").asString()).isEqualTo("read:packages,read:org");
        String accessToken = token.get("access_token").asString();

        HttpResponse<String> user = http.get("/user", accessToken);
        assertThat(SimHttp.json(user).get("login").asString()).isEqualTo("mona");
        assertThat(user.headers().firstValue("X-OAuth-Scopes")).hasValue("read:org, read:packages");
        assertThat(http.pullToken("acme/api", "mona", accessToken)).isNotBlank();

        assertThat(SimHttp.json(exchange(second, VERIFIER)).get("error").asString()).isEqualTo("bad_verification_code");
    }

    @Test
    void personMayGrantFewerScopesThanRequested() {
        String code = authorize("octocat", null, "read:packages");
        HttpResponse<String> response = http.form("/login/oauth/access_token",
                "client_id=demo-client&client_secret=demo-secret&code=" + code + "&redirect_uri=" + enc(CALLBACK));
        Map<String, String> form = Request.form(response.body());
        assertThat(form.get("scope")).isEqualTo("read:packages");
        String token = form.get("access_token");
        assertThat(http.api("DELETE", "/orgs/acme/packages/container/api/versions/1", token).statusCode()).isEqualTo(403);
    }

    @Test
    void wrongClientSecretIsRefused() {
        String code = authorize("octocat", null, "read:packages");
        HttpResponse<String> response = http.form("/login/oauth/access_token",
                "client_id=demo-client&client_secret=wrong&code=" + code, "Accept", "application/json");
        assertThat(SimHttp.json(response).get("error").asString()).isEqualTo("incorrect_client_credentials");
    }

    @Test
    void cancelRedirectsWithAccessDenied() {
        HttpResponse<String> response = http.form("/login/oauth/authorize", "client_id=demo-client&redirect_uri=" + enc(CALLBACK)
                + "&state=s1&login=octocat&decision=cancel");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow())
                .startsWith(CALLBACK + "?error=access_denied").endsWith("&state=s1");
    }

    private static String authorize(String login, String challenge, String... grantedScopes) {
        StringBuilder form = new StringBuilder("client_id=demo-client&redirect_uri=" + enc(CALLBACK) + "&state=xyz&login=" + login
                + "&decision=authorize");
        if (challenge != null) {
            form.append("&code_challenge=").append(challenge).append("&code_challenge_method=S256");
        }
        for (String scope : grantedScopes) {
            form.append("&scope=").append(enc(scope));
        }
        HttpResponse<String> response = http.form("/login/oauth/authorize", form.toString());
        assertThat(response.statusCode()).isEqualTo(302);
        URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
        Map<String, String> query = Request.form(location.getRawQuery());
        assertThat(query.get("state")).isEqualTo("xyz");
        return query.get("code");
    }

    private static HttpResponse<String> exchange(String code, String verifier) {
        return http.form("/login/oauth/access_token", "client_id=demo-client&client_secret=demo-secret&code=" + code
                + "&redirect_uri=" + enc(CALLBACK) + "&code_verifier=" + verifier, "Accept", "application/json");
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
