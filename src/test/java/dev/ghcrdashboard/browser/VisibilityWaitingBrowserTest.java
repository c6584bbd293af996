package dev.ghcrdashboard.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.ghcrdashboard.simulator.FaultRule;
import dev.ghcrdashboard.simulator.Simulator;
import dev.ghcrdashboard.support.Browser;
import dev.ghcrdashboard.support.SimulatorBackedTest;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What a person sees while nobody makes the change on GitHub: waiting (and what GitHub still
 * reports), stopping by hand, the timeout of a short configured {@code change-timeout}, and a
 * mismatch when GitHub moves but the registry does not; every ending reaches the audit log.
 */
@SimulatorBackedTest(scenario = "classpath:scenarios/visibility.yml", properties = {
        "ghcr-dashboard.visibility.change-timeout=15s",
        "ghcr-dashboard.visibility.mismatch-grace=2s",
        "ghcr-dashboard.visibility.poll-interval=300ms"})
class VisibilityWaitingBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @Autowired
    Simulator github;

    Page startMakingPublic(String packageName) {
        Page page = browser.signedIn("octocat");
        page.navigate("/owners/acme/packages/" + packageName);
        page.locator("#change-visibility").click();
        page.waitForURL(Pattern.compile(".*/owners/acme/visibility/changes/\\d+$"));
        assertThat(page.locator("#change-status")).containsText("Waiting for GitHub to report " + packageName + " as public");
        return page;
    }

    @Test
    void waitingShowsWhatGitHubStillReportsUntilThePersonStopsWatching() {
        Page page = startMakingPublic("stays-private");
        Locator status = page.locator("#change-status");
        status.getByText("Check now").click();
        assertThat(status).containsText("GitHub still reports private");
        assertThat(status).containsText("Watching until");
        Browser.screenshot(page, "visibility-5-waiting");

        status.getByText("Stop watching").click();
        assertThat(status).containsText("Cancelled by octocat");
        assertThat(status).containsText("The dashboard stopped watching");
        assertThat(status.getByText("Check now")).hasCount(0);
        assertThat(page.locator("#settings-link")).hasCount(0);
        Browser.screenshot(page, "visibility-6-cancelled");

        // Stopped means stopped: a change made on GitHub afterwards does not revive it.
        github.control().setVisibility("acme", "stays-private", "public");
        page.reload();
        assertThat(page.locator("#change-status")).containsText("Cancelled by octocat");

        assertThat(abandonedInTheAuditLog(page, "stays-private")).containsText("CANCELLED");
    }

    @Test
    void aChangeNobodyMakesTimesOutOnThePage() {
        Page page = startMakingPublic("left-alone");
        Locator status = page.locator("#change-status");
        // The page polls by itself: nothing is clicked while the 15 s deadline passes.
        assertThat(status).containsText("Timed out.", Browser.LONG_WAIT);
        assertThat(status).containsText("It last reported private");
        assertThat(status.getByText("Back to the visibility report")).isVisible();
        assertThat(page.locator("#settings-link")).hasCount(0);
        assertThat(status.getByText("Check now")).hasCount(0);
        Browser.screenshot(page, "visibility-7-timed-out");

        assertThat(abandonedInTheAuditLog(page, "left-alone")).containsText("TIMED_OUT: wanted public, GitHub reports private");
    }

    @Test
    void gitHubReportsPublicButTheRegistryStillRefusesStrangers() {
        // ghcr's token endpoint keeps refusing anonymous pulls of this package, whatever GitHub's API says.
        github.control().addFault(FaultRule.status("GET", "/token\\?.*mismatch", 401).times(0));
        try {
            Page page = startMakingPublic("mismatch");
            github.control().setVisibility("acme", "mismatch", "public");
            Locator status = page.locator("#change-status");
            assertThat(status).containsText("Mismatch.", Browser.LONG_WAIT);
            assertThat(status).containsText("GitHub reports mismatch as public, but an anonymous pull is still denied");
            assertThat(page.locator("#settings-link")).hasCount(0);
            Browser.screenshot(page, "visibility-8-mismatch");

            assertThat(abandonedInTheAuditLog(page, "MISMATCH")).containsText("wanted public, GitHub reports public; anonymous pull denied");
        } finally {
            github.control().clearFaults();
        }
    }

    /** The one "Visibility change abandoned" entry of the audit log whose row mentions {@code text}. */
    private static Locator abandonedInTheAuditLog(Page page, String text) {
        page.navigate("/audit");
        Locator abandoned = page.locator("tbody tr", new Page.LocatorOptions().setHasText(text))
                .filter(new Locator.FilterOptions().setHasText("Visibility change abandoned"));
        assertThat(abandoned).hasCount(1);
        return abandoned;
    }
}
