package dev.ghcrdashboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.simulator.Scenario;
import dev.ghcrdashboard.simulator.Simulator;
import dev.ghcrdashboard.simulator.SimulatorOptions;
import dev.ghcrdashboard.support.Dashboard;
import dev.ghcrdashboard.support.DashboardHttp;
import dev.ghcrdashboard.support.SimulatorBackedTest;
import dev.ghcrdashboard.support.SimulatorSetup;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A token whose primary rate limit is used up: the page says so and when the budget comes back. */
@SimulatorBackedTest(setup = RateLimitPageTest.FiveRequestsAnHour.class)
@ExtendWith(OutputCaptureExtension.class)
class RateLimitPageTest {

    private static final Pattern RESETS_AT = Pattern.compile("It resets at \\d{2}:\\d{2}:\\d{2} UTC\\.");

    @RegisterExtension
    static final TokenWatch tokens = new TokenWatch();

    @Autowired
    Dashboard dashboard;

    /** Sign-in (GET /user) and the owner list (GET /user/orgs) use two; the rest goes in a few pages. */
    static final class FiveRequestsAnHour implements SimulatorSetup {
        @Override
        public Simulator start() {
            return Simulator.start(Scenario.demo(), SimulatorOptions.defaults().withRateLimitPerHour(5));
        }
    }

    @Test
    void exhaustedBudgetSaysWhenItResets(CapturedOutput output) {
        var http = dashboard.http();
        tokens.assertNotIn(http.signIn("octocat"));

        DashboardHttp.Page limited = null;
        for (String page : List.of("/owners/acme/packages", "/owners/octo-labs/packages", "/owners/acme/packages/web",
                "/owners/acme/packages/api", "/owners/acme/packages/base", "/owners/acme/packages/single")) {
            DashboardHttp.Page answer = http.get(page);
            tokens.assertNotIn(answer);
            if (answer.status() != 200) {
                limited = answer;
                break;
            }
        }
        assertThat(limited).as("five requests an hour run out within a few pages").isNotNull();
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.body()).contains("GitHub rate limit reached").containsPattern(RESETS_AT);
        assertThat(limited.body()).as("the page offers to try again").contains("Try again");
        FailureModesTest.assertNoInternals(limited);
        tokens.assertNotIn(output.getAll());
    }
}
