package dev.ghcrdashboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.support.Dashboard;
import dev.ghcrdashboard.support.DashboardHttp;
import dev.ghcrdashboard.support.SimulatorBackedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A dashboard limited to the octo-labs organization and the user eve: members and eve get in, anyone
 * else is sent back to the sign-in page with the "not allowed" explanation and no session.
 */
@SimulatorBackedTest(properties = {
        "ghcr-dashboard.access.allowed-orgs=octo-labs",
        "ghcr-dashboard.access.allowed-users=eve"})
@ExtendWith(OutputCaptureExtension.class)
class AccessRestrictionTest {

    @RegisterExtension
    static final TokenWatch tokens = new TokenWatch();

    @Autowired
    Dashboard dashboard;

    @Test
    void memberOfAnAllowedOrgGetsIn(CapturedOutput output) {
        DashboardHttp.Page landing = dashboard.http().signIn("octocat");
        assertThat(landing.status()).isEqualTo(200);
        assertThat(landing.uri().getPath()).isEqualTo("/owners/octocat/packages");
        tokens.assertNotIn(landing);
        tokens.assertNotIn(output.getAll());
    }

    @Test
    void allowedUserGetsInWithoutAnyOrg(CapturedOutput output) {
        DashboardHttp.Page landing = dashboard.http().signIn("eve");
        assertThat(landing.status()).isEqualTo(200);
        assertThat(landing.uri().getPath()).isEqualTo("/owners/eve/packages");
        // eve's display name carries markup; it must arrive as text.
        assertThat(landing.body()).doesNotContain("<img src=x");
        tokens.assertNotIn(landing);
        tokens.assertNotIn(output.getAll());
    }

    @Test
    void anyoneElseIsToldTheyAreNotAllowedAndHasNoSession(CapturedOutput output) {
        var http = dashboard.http();
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
