package dev.ghcrdashboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.simulator.Simulator;
import dev.ghcrdashboard.simulator.SimulatorOptions;
import dev.ghcrdashboard.support.DashboardHttp;
import dev.ghcrdashboard.support.SimulatedGitHub;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A token whose primary rate limit is used up: the page says so and when the budget comes back. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class RateLimitPageTest {

    /** Sign-in (GET /user) and the owner list (GET /user/orgs) use two; the rest goes in a few pages. */
    static final Simulator github = SimulatedGitHub.start(SimulatedGitHub.DEMO, SimulatorOptions.defaults().withRateLimitPerHour(5));
    static final TokenWatch tokens = TokenWatch.on(github);
    private static final Pattern RESETS_AT = Pattern.compile("It resets at \\d{2}:\\d{2}:\\d{2} UTC\\.");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void github(DynamicPropertyRegistry registry) {
        SimulatedGitHub.configure(registry, github);
    }

    @Test
    void exhaustedBudgetSaysWhenItResets(CapturedOutput output) {
        var http = new DashboardHttp("http://localhost:" + port);
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
