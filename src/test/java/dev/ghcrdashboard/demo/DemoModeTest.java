package dev.ghcrdashboard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.support.DashboardHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The README's promise: started with no GitHub credentials, the dashboard runs its bundled simulator,
 * says so on every page with the callback URL to register, and a newcomer can sign in and browse.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ghcr-dashboard.demo.automatic=true",
        "spring.security.oauth2.client.registration.github.client-id=",
        "spring.datasource.url=jdbc:h2:mem:demo-mode;DB_CLOSE_DELAY=-1"})
class DemoModeTest {

    @LocalServerPort
    int port;

    @Test
    void withoutCredentialsTheDashboardRunsTheDemoAndSaysHowToConnectGitHub() {
        var http = new DashboardHttp("http://localhost:" + port);

        var home = http.get("/");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.body())
                .contains("Demo mode.")
                .contains("http://localhost:" + port + "/login/oauth2/code/github")
                .contains("GITHUB_CLIENT_ID");

        var packages = http.signIn("octocat");
        assertThat(packages.status()).isEqualTo(200);
        assertThat(packages.uri().getPath()).isEqualTo("/owners/octocat/packages");

        var acme = http.get("/owners/acme/packages");
        assertThat(acme.status()).isEqualTo(200);
        assertThat(acme.body()).contains("tools/cli").contains("Demo mode.");
    }
}
