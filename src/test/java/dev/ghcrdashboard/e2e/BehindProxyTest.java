package dev.ghcrdashboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.support.Dashboard;
import dev.ghcrdashboard.support.SimulatorBackedTest;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Behind an HTTPS reverse proxy with {@code server.forward-headers-strategy=native} (README): the proxy's
 * {@code X-Forwarded-Proto: https} makes GitHub's callback address https and the session cookie {@code Secure}.
 */
@SimulatorBackedTest(properties = "server.forward-headers-strategy=native")
class BehindProxyTest {


    @Autowired
    Dashboard dashboard;

    @Test
    void anHttpsProxyGetsAnHttpsCallbackAndASecureSessionCookie() throws Exception {
        HttpResponse<String> signIn = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(dashboard.url("/oauth2/authorization/github")))
                        .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "dashboard.example.test")
                        .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(signIn.statusCode()).isEqualTo(302);
        String authorize = URLDecoder.decode(signIn.headers().firstValue("Location").orElseThrow(), StandardCharsets.UTF_8);
        assertThat(authorize).contains("redirect_uri=https://dashboard.example.test/login/oauth2/code/github");
        assertThat(signIn.headers().allValues("Set-Cookie")).filteredOn(cookie -> cookie.startsWith("SESSION="))
                .singleElement().satisfies(cookie -> assertThat(cookie).contains("Secure").contains("HttpOnly"));
    }

    @Test
    void withoutTheProxyHeaderThePlainAddressIsKept() throws Exception {
        HttpResponse<String> signIn = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(dashboard.url("/oauth2/authorization/github"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        String authorize = URLDecoder.decode(signIn.headers().firstValue("Location").orElseThrow(), StandardCharsets.UTF_8);
        assertThat(authorize).contains("redirect_uri=" + dashboard.url("/login/oauth2/code/github"));
        assertThat(signIn.headers().allValues("Set-Cookie")).filteredOn(cookie -> cookie.startsWith("SESSION="))
                .singleElement().satisfies(cookie -> assertThat(cookie).doesNotContain("Secure"));
    }
}
