package dev.ghcrdashboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.simulator.Simulator;
import dev.ghcrdashboard.support.DashboardHttp;
import dev.ghcrdashboard.support.SimulatedGitHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A dashboard limited to the octo-labs organization and the user eve: members and eve get in, anyone
 * else is sent back to the sign-in page with the "not allowed" explanation and no session.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ghcr-dashboard.access.allowed-orgs=octo-labs",
        "ghcr-dashboard.access.allowed-users=eve"})
@ExtendWith(OutputCaptureExtension.class)
class AccessRestrictionTest {

    static final Simulator github = SimulatedGitHub.start(SimulatedGitHub.DEMO);
    static final TokenWatch tokens = TokenWatch.on(github);

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void github(DynamicPropertyRegistry registry) {
        SimulatedGitHub.configure(registry, github);
    }

    DashboardHttp http() {
        return new DashboardHttp("http://localhost:" + port);
    }

    @Test
    void memberOfAnAllowedOrgGetsIn(CapturedOutput output) {
        DashboardHttp.Page landing = http().signIn("octocat");
        assertThat(landing.status()).isEqualTo(200);
        assertThat(landing.uri().getPath()).isEqualTo("/owners/octocat/packages");
        tokens.assertNotIn(landing);
        tokens.assertNotIn(output.getAll());
    }

    @Test
    void allowedUserGetsInWithoutAnyOrg(CapturedOutput output) {
        var http = http();
        DashboardHttp.Page landing = http.signIn("eve");
        assertThat(landing.status()).isEqualTo(200);
        assertThat(landing.uri().getPath()).isEqualTo("/owners/eve/packages");
        // eve's display name carries markup; it must arrive as text.
        assertThat(landing.body()).doesNotContain("<img src=x");
        tokens.assertNotIn(landing);
        tokens.assertNotIn(output.getAll());
    }

    @Test
    void anyoneElseIsToldTheyAreNotAllowedAndHasNoSession(CapturedOutput output) {
        var http = http();
        DashboardHttp.Page refused = http.signIn("mona");
        assertThat(refused.uri().getPath()).isEqualTo("/login");
        assertThat(refused.uri().getQuery()).isEqualTo("error=not-allowed");
        assertThat(refused.body()).contains("Your GitHub account is not allowed to use this dashboard.");
        tokens.assertNotIn(refused);

        DashboardHttp.Page after = http.get("/owners/mona/packages");
        assertThat(after.uri().getPath()).as("no session was created").isEqualTo("/login");
        assertThat(output.getAll()).contains("Refused sign-in of mona");
        tokens.assertNotIn(output.getAll());
    }
}
