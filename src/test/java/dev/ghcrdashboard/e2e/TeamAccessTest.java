package dev.ghcrdashboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.simulator.Simulator;
import dev.ghcrdashboard.support.Dashboard;
import dev.ghcrdashboard.support.DashboardHttp;
import dev.ghcrdashboard.support.SimulatorBackedTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A dashboard for the members of two acme teams, where the platform team administers acme's packages. In the
 * demo world: mona is in platform and release, hubot only in release, octocat (an owner of acme) in neither.
 */
@SimulatorBackedTest(properties = {
        "ghcr-dashboard.access.allowed-teams=acme/release",
        "ghcr-dashboard.access.admin-teams=acme/platform",
        "ghcr-dashboard.access.role-refresh=1s"})
class TeamAccessTest {


    @Autowired
    Simulator github;
    @Autowired
    Dashboard dashboard;

    @Test
    void membersOfAnAllowedTeamGetInAndNobodyElse() {
        assertThat(dashboard.http().signIn("hubot").uri().getPath()).isEqualTo("/owners/hubot/packages");
        DashboardHttp.Page octocat = dashboard.http().signIn("octocat");
        assertThat(octocat.uri().getPath()).isEqualTo("/login");
        assertThat(octocat.uri().getQuery()).isEqualTo("error=not-allowed");
    }

    @Test
    void anAdminTeamAdministersItsOrganizationAndAPlainMemberOnlyViews() {
        var mona = dashboard.signedIn("mona");
        var hubot = dashboard.signedIn("hubot");

        DashboardHttp.Page asAdmin = addRule(mona);
        assertThat(asAdmin.status()).isEqualTo(200);
        assertThat(asAdmin.body()).contains("Names matching a pattern must be private").contains("team-rule-*");

        DashboardHttp.Page asViewer = addRule(hubot);
        assertThat(asViewer.status()).isEqualTo(403);
        assertThat(asViewer.body()).contains("you are a member of acme");
    }

    @Test
    void someoneRemovedFromTheOrganizationIsSignedOutAtTheNextRefresh() throws InterruptedException {
        var hubot = dashboard.signedIn("hubot");
        assertThat(hubot.get("/owners/acme/packages").status()).isEqualTo(200);

        github.control().setOrgRole("acme", "hubot", null);
        try {
            Thread.sleep(1500); // one role-refresh interval (1s) and a margin
            DashboardHttp.Page after = hubot.get("/owners/acme/packages");
            assertThat(after.uri().getPath()).isEqualTo("/login");
            assertThat(after.uri().getQuery()).isEqualTo("error=not-allowed");
            assertThat(hubot.get("/owners/hubot/packages").uri().getPath()).as("the session is gone").isEqualTo("/login");
        } finally {
            github.control().setOrgRole("acme", "hubot", "member");
        }
    }

    private static DashboardHttp.Page addRule(DashboardHttp http) {
        DashboardHttp.Page page = http.get("/owners/acme/visibility");
        return http.post("/owners/acme/visibility/rules", List.of(Map.entry("kind", "NAME_PATTERN_MUST_BE_PRIVATE"),
                Map.entry("pattern", "team-rule-*"), Map.entry("_csrf", DashboardHttp.csrfToken(page))), Map.of());
    }
}
