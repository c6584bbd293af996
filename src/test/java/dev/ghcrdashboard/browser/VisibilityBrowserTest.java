package dev.ghcrdashboard.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import dev.ghcrdashboard.simulator.FaultRule;
import dev.ghcrdashboard.simulator.Simulator;
import dev.ghcrdashboard.support.Browser;
import dev.ghcrdashboard.support.SimulatorBackedTest;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Visibility end to end in a real browser against the simulator: the anonymous-pull proof behind the
 * Re-check button, a guided change made by hand on GitHub's settings page until the dashboard shows
 * "Verified" and the audit log records it, and a guided queue of three packages that survives a reload.
 * Screenshots land in target/screenshots/visibility-*.png.
 */
@SimulatorBackedTest(scenario = "classpath:scenarios/visibility.yml",
        // Proofs are made here by hand (Re-check); the background prover, tested in PageFactsBrowserTest, waits.
        properties = {"ghcr-dashboard.visibility.poll-interval=300ms", "ghcr-dashboard.registry.retry-backoff=20ms",
                "ghcr-dashboard.visibility.proofs.interval=1h"})
class VisibilityBrowserTest {

    /** Long enough for the watcher to see a change several times; not a timing assertion. */
    static final LocatorAssertions.ContainsTextOptions EVENTUALLY = new LocatorAssertions.ContainsTextOptions().setTimeout(30_000);

    @RegisterExtension
    static final Browser browser = new Browser();

    @Autowired
    Simulator github;

    @Test
    void reCheckProvesAPublicPackagePullableAndAPrivateOneDenied() {
        Page page = browser.signedIn("octocat");

        page.navigate("/owners/acme/packages/web");
        Locator status = page.locator(".visibility-status");
        assertThat(status.locator(".badge").first()).hasText("public");
        assertThat(status).containsText("not proved yet");
        status.locator("button.recheck").click();
        assertThat(page.locator(".visibility-status .proof")).containsText("anonymous pull works");
        assertThat(page.locator(".visibility-status")).not().containsText("Disagrees");
        Browser.screenshot(page, "visibility-proof-public");

        page.navigate("/owners/acme/packages/tools/cli");
        assertThat(status.locator(".badge").first()).hasText("private");
        status.locator("button.recheck").click();
        assertThat(page.locator(".visibility-status .proof")).containsText("anonymous pull denied");
        assertThat(page.locator(".visibility-status")).not().containsText("Disagrees");
        Browser.screenshot(page, "visibility-proof-private");

        // The proof is stored: a fresh visit shows it without asking the registry again.
        page.reload();
        assertThat(page.locator(".visibility-status .proof")).containsText("anonymous pull denied");
    }

    @Test
    void aPackageFlippedBehindOurBackIsFlaggedUntilReChecked() {
        Page page = browser.signedIn("octocat");
        page.navigate("/owners/acme/packages/flipped");
        page.locator(".visibility-status button.recheck").click();
        assertThat(page.locator(".visibility-status .proof")).containsText("anonymous pull works");

        github.control().setVisibility("acme", "flipped", "private");

        // Within the minute GitHub's answer stays fresh; a reload (Chromium sends Cache-Control: max-age=0) asks anew.
        page.reload();
        Locator status = page.locator(".visibility-status");
        assertThat(status.locator(".badge").first()).hasText("private");
        assertThat(status).containsText("Disagrees: GitHub says private but anyone can pull it");
        Browser.screenshot(page, "visibility-proof-disagreement");

        page.navigate("/owners/acme/visibility");
        Locator finding = page.locator("#drift-table tbody tr", new Page.LocatorOptions().setHasText("flipped"));
        assertThat(finding).containsText("dangerous");
        assertThat(finding).containsText("GitHub reports private but anonymous pull works");

        // A fresh proof follows the registry, which now refuses strangers: the flag goes away.
        page.navigate("/owners/acme/packages/flipped");
        page.locator(".visibility-status button.recheck").click();
        assertThat(page.locator(".visibility-status .proof")).containsText("anonymous pull denied");
        assertThat(page.locator(".visibility-status")).not().containsText("Disagrees");
    }

    @Test
    void aRegistryThatDoesNotAnswerProvesNothingAndSaysSo() {
        Page page = browser.signedIn("octocat");
        page.navigate("/owners/acme/packages/flaky");
        Locator recheck = page.locator(".visibility-status button.recheck");
        recheck.click();
        assertThat(page.locator(".visibility-status .proof")).containsText("anonymous pull works");

        github.control().addFault(FaultRule.status("GET", "/v2/acme/flaky/", 503).times(0));
        try {
            recheck.click();
            assertThat(page.locator(".visibility-status .proof-problem"))
                    .hasText("Could not check now: the registry did not answer. Try again in a minute.");
            // The outage is not recorded as "denied": the previous proof stands and nothing disagrees.
            assertThat(page.locator(".visibility-status .proof")).containsText("anonymous pull works");
            assertThat(page.locator(".visibility-status")).not().containsText("Disagrees");
            Browser.screenshot(page, "visibility-proof-registry-down");
        } finally {
            github.control().clearFaults();
        }

        page.locator(".visibility-status button.recheck").click();
        assertThat(page.locator(".visibility-status .proof-problem")).hasCount(0);
        assertThat(page.locator(".visibility-status .proof")).containsText("anonymous pull works");
    }

    @Test
    void guidedChangeFromThePackagePageThroughGitHubsSettingsPageToVerified() {
        guidedChangeToVerified(browser.signedIn("octocat"), github, "visibility");
    }

    /**
     * Makes acme/tools/cli public as a person would and checks the dashboard follows it to
     * "Verified" and into the audit log; shared with the PostgreSQL run of the same journey.
     */
    static void guidedChangeToVerified(Page page, Simulator github, String screenshots) {
        page.navigate("/owners/acme/packages/tools/cli");
        assertThat(page.locator(".visibility-status .badge").first()).hasText("private");
        page.locator("#change-visibility").click();

        page.waitForURL(Pattern.compile(".*/owners/acme/visibility/changes/\\d+$"));
        assertThat(page.locator("h1")).hasText("Make tools/cli public");
        String settingsUrl = github.baseUrl() + "/orgs/acme/packages/container/tools%2Fcli/settings";
        Locator settingsLink = page.locator("#settings-link");
        assertThat(settingsLink).hasAttribute("href", settingsUrl);
        assertThat(page.locator("code.digest")).hasText(settingsUrl);
        assertThat(page.locator("#change-status")).containsText("Waiting for GitHub");
        Browser.screenshot(page, screenshots + "-1-hand-off");

        // A person follows the link (a new tab) and flips the package in GitHub's Danger Zone.
        Page gitHub = page.waitForPopup(settingsLink::click);
        gitHub.waitForLoadState();
        assertThat(gitHub.url()).isEqualTo(settingsUrl);
        assertThat(gitHub.locator("#current-visibility")).hasText("private");
        gitHub.locator("input[name=visibility][value=public]").check();
        gitHub.locator("#confirm").fill("tools/cli");
        Browser.screenshot(gitHub, screenshots + "-2-github-settings");
        gitHub.locator("#change-visibility").click();
        assertThat(gitHub.locator("#flash")).containsText("changed to public");
        assertThat(gitHub.locator("#current-visibility")).hasText("public");
        gitHub.close();

        // The dashboard page, left open, notices by itself.
        Locator changeStatus = page.locator("#change-status");
        assertThat(changeStatus).containsText("Verified.", EVENTUALLY);
        assertThat(changeStatus).containsText("GitHub reports tools/cli as public, and an anonymous pull works");
        assertThat(page.locator("#settings-link")).hasCount(0);
        Browser.screenshot(page, screenshots + "-3-verified");

        page.navigate("/owners/acme/packages/tools/cli");
        assertThat(page.locator(".visibility-status .badge").first()).hasText("public");
        assertThat(page.locator(".visibility-status .proof")).containsText("anonymous pull works");

        page.navigate("/audit");
        Locator entries = page.locator("tbody tr", new Page.LocatorOptions().setHasText("tools/cli"));
        Locator started = entries.filter(new Locator.FilterOptions().setHasText("Visibility change started"));
        Locator verified = entries.filter(new Locator.FilterOptions().setHasText("Visibility change verified"));
        assertThat(started).hasCount(1);
        assertThat(started).containsText("octocat");
        assertThat(started).containsText(settingsUrl);
        assertThat(verified).hasCount(1);
        assertThat(verified).containsText("anonymous pull works");
        Browser.screenshot(page, screenshots + "-4-audit");
    }

    @Test
    void guidedQueueOfThreePackagesSurvivesAReloadAndEndsAllVerified() {
        guidedQueueToAllVerified(browser.signedIn("octocat"), github, "visibility-queue");
    }

    /** Takes queue-a, queue-b and queue-c public through a guided queue, reloading the page halfway. */
    static void guidedQueueToAllVerified(Page page, Simulator github, String screenshots) {
        page.navigate("/owners/acme/visibility");
        for (String name : new String[] {"queue-a", "queue-b", "queue-c"}) {
            page.locator("input[name=names][value='" + name + "']").check();
        }
        page.locator("select[name=target][form=queue-form]").selectOption("public");
        page.getByText("Start guided queue").click();
        page.waitForURL(Pattern.compile(".*/owners/acme/visibility/queue/\\d+$"));
        String queueUrl = page.url();
        Locator count = page.locator("#queue-count");
        assertThat(count).hasText("0 of 3 verified");
        Browser.screenshot(page, screenshots + "-1-start");

        // First package: through GitHub's settings page in a new tab.
        startCurrent(page, "queue-a");
        Page gitHub = page.waitForPopup(() -> page.locator("#queue-progress a.button").click());
        gitHub.waitForLoadState();
        assertThat(gitHub.url()).isEqualTo(github.baseUrl() + "/orgs/acme/packages/container/queue-a/settings");
        gitHub.locator("input[name=visibility][value=public]").check();
        gitHub.locator("#confirm").fill("queue-a");
        gitHub.locator("#change-visibility").click();
        assertThat(gitHub.locator("#flash")).containsText("changed to public");
        gitHub.close();
        assertThat(count).hasText("1 of 3 verified", new LocatorAssertions.HasTextOptions().setTimeout(30_000));

        // Second package: the person reloads the page while GitHub has not moved yet.
        startCurrent(page, "queue-b");
        page.reload();
        assertThat(page).hasURL(queueUrl);
        assertThat(page.locator("#queue-progress h2")).hasText("Now: queue-b");
        assertThat(page.locator("#queue-progress")).containsText("Waiting for GitHub to report the change");
        assertThat(count).hasText("1 of 3 verified");
        Browser.screenshot(page, screenshots + "-2-after-reload");
        github.control().setVisibility("acme", "queue-b", "public");
        assertThat(count).hasText("2 of 3 verified", new LocatorAssertions.HasTextOptions().setTimeout(30_000));

        startCurrent(page, "queue-c");
        github.control().setVisibility("acme", "queue-c", "public");
        assertThat(count).hasText("3 of 3 verified", new LocatorAssertions.HasTextOptions().setTimeout(30_000));
        assertThat(page.locator("#queue-progress")).containsText("Queue finished.");
        assertThat(page.locator("#queue-progress tbody .badge", new Page.LocatorOptions().setHasText("verified"))).hasCount(3);
        Browser.screenshot(page, screenshots + "-3-finished");

        assertThat(github.control().visibility("acme", "queue-a")).isEqualTo("public");
        page.navigate("/owners/acme/visibility");
        assertThat(page.locator("[aria-label='Unfinished queues']")).hasCount(0);
    }

    private static void startCurrent(Page page, String name) {
        assertThat(page.locator("#queue-progress h2")).hasText("Now: " + name);
        page.locator("#queue-progress button", new Page.LocatorOptions().setHasText("Start with " + name)).click();
        assertThat(page.locator("#queue-progress")).containsText("Waiting for GitHub to report the change");
    }
}
