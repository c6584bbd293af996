package dev.ghcrdashboard.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.ghcrdashboard.simulator.RecordedExchange;
import dev.ghcrdashboard.simulator.SimulatedVersion;
import dev.ghcrdashboard.simulator.Simulator;
import dev.ghcrdashboard.support.Browser;
import dev.ghcrdashboard.support.FastJobs;
import dev.ghcrdashboard.support.SimulatorBackedTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A retention policy in a real browser, the way an admin sets one up: from the owner's packages to an empty policy
 * list, a form that answers a bad cron beside the field, the preview, a dry run's report, the switch to act (GitHub's
 * delete permission granted on the way, then the confirmation), an act run and its cleanup job, and the history,
 * chart and audit entries afterwards. The simulator's request log shows the dry run deleted nothing and the act run
 * deleted exactly the previewed versions. Screenshots land in target/screenshots/.
 */
@SimulatorBackedTest
@FastJobs
class PolicyBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @Autowired
    Simulator github;

    @Test
    void createPreviewDryRunSwitchToActRunAndReadTheHistory() {
        List<RecordedExchange> deletes = new CopyOnWriteArrayList<>();
        Consumer<RecordedExchange> listener = exchange -> {
            if (exchange.method().equals("DELETE")) {
                deletes.add(exchange);
            }
        };
        github.control().addExchangeListener(listener);
        List<Long> previewed;
        try {
            Page page = browser.signedIn("octocat");
            page.navigate("/owners/acme/packages");
            page.locator("#policies-link").click();
            assertThat(page.locator("h1")).hasText("Retention policies of acme");
            assertThat(page.locator("#no-policies")).containsText("No policies yet.");
            page.locator("#create-first-policy").click();

            assertThat(page.locator("h1")).hasText("New retention policy");
            page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("api old releases");
            page.locator("#packageName").fill("api");
            page.locator("#g0-tagPattern").fill("v0.*");
            page.getByLabel("Runs", new Page.GetByLabelOptions().setExact(true)).selectOption("cron");
            page.locator("#cron").fill("99 3 * * *");
            page.locator("#save-policy").click();
            assertThat(page.locator("#cron-error")).containsText("not a valid cron expression");
            assertThat(page.locator("#cron")).hasAttribute("aria-invalid", "true");
            Browser.screenshot(page, "policy-1-bad-cron");
            page.locator("#cron").fill("30 3 * * 1-5");
            page.locator("#save-policy").click();
            assertThat(page.locator("#policy-mode")).hasText("Dry run");
            String policyPath = page.url().substring(page.url().indexOf("/owners/"));

            page.locator("#preview-link").click();
            assertThat(page.locator("#preview-totals")).containsText("1 version");
            assertThat(page.locator("#p0-delete")).containsText("v0.9");
            previewed = versionIds(page.locator("#p0-delete tbody tr"));
            Browser.screenshot(page, "policy-2-preview");

            page.navigate(policyPath);
            page.locator("#run-now").click();
            awaitRunEnd(page);
            assertThat(page.locator("#run-status")).containsText("Finished");
            assertThat(page.locator("#run-packages")).containsText("Reported (dry run: nothing deleted)");
            assertThat(page.locator("#run-report")).containsText("v0.9");
            assertThat(versionIds(page.locator("#run-report tbody tr"))).isEqualTo(previewed);
            assertThat(deletes).as("the dry run sent no DELETE").isEmpty();
            Browser.screenshot(page, "policy-3-dry-run-report");

            page.navigate(policyPath);
            page.locator("#act-link").click();
            assertThat(page.locator("h1")).containsText("to act");
            assertThat(page.locator("#p0-delete")).containsText("v0.9");
            page.locator("#act-button").click(); // no delete:packages yet: the dashboard explains and asks GitHub first
            assertThat(page.locator("h1")).hasText("Allow deleting packages");
            browser.grantPermission(page, "octocat", "delete:packages", policyPath + "/act");
            page.getByLabel("I checked the preview").check();
            Browser.screenshot(page, "policy-4-confirm-act");
            page.locator("#act-button").click();
            assertThat(page.locator("#policy-mode")).hasText("Act");

            page.locator("#run-now").click();
            awaitRunEnd(page);
            // The run ends with its job, and says what GitHub carried out.
            assertThat(page.locator("#run-status")).hasAttribute("data-run-status", "FINISHED");
            assertThat(page.locator("#run-packages")).containsText("Cleanup job ended");
            assertThat(page.locator("#run-packages")).containsText("GitHub carried out");
            page.locator("a.job-link").click();
            Journeys.followTheJobToItsEnd(page);
            assertThat(page.locator("#job-policy")).containsText("api old releases");
            Browser.screenshot(page, "policy-5-job");

            page.navigate(policyPath);
            assertThat(page.locator("#run-history tbody tr")).hasCount(2);
            assertThat(page.locator(".policy-chart svg")).isVisible();
            assertThat(page.locator(".policy-chart table")).containsText("api at each run");
            Browser.screenshot(page, "policy-6-history");

            page.navigate("/audit");
            assertThat(page.locator("main")).containsText("policy api old releases");
        } finally {
            github.control().removeExchangeListener(listener);
        }
        assertThat(versionIdsOf(deletes)).as("the act run deleted exactly the previewed versions").isEqualTo(previewed);
        assertThat(github.control().versions("acme", "api", true)).extracting(SimulatedVersion::id)
                .containsExactlyInAnyOrderElementsOf(previewed);
    }

    private static void awaitRunEnd(Page page) {
        for (int i = 0; i < 120 && List.of("RUNNING", "CLEANING_UP").contains(page.locator("#run-status").getAttribute("data-run-status")); i++) {
            page.waitForTimeout(500);
            page.reload();
        }
    }

    private static List<Long> versionIds(Locator rows) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < rows.count(); i++) {
            ids.add(Long.parseLong(rows.nth(i).getAttribute("data-version-id")));
        }
        return ids;
    }

    /** The version ids the DELETE requests named ({@code …/versions/{id}}). */
    private static List<Long> versionIdsOf(List<RecordedExchange> deletes) {
        return deletes.stream().map(exchange -> exchange.pathAndQuery().replaceAll(".*/versions/(\\d+).*", "$1")).map(Long::parseLong).toList();
    }
}
