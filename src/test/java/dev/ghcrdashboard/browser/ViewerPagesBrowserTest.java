package dev.ghcrdashboard.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import dev.ghcrdashboard.support.Browser;
import dev.ghcrdashboard.support.PageCheck;
import dev.ghcrdashboard.support.SimulatorBackedTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A plain member of acme (hubot, a viewer) sees on each page what they cannot do and why, before anything asks GitHub
 * for more permission: no preview form on the cleanup page, no delete form, no restore in the trash, no visibility
 * changes or rules, and no cancel button on a job someone else started. octocat, an owner of acme, still gets them.
 * The delete job is paced to one call an hour so that it is still running while both look at it.
 */
@SimulatorBackedTest(properties = {"ghcr-dashboard.cleanup.calls-per-period=1", "ghcr-dashboard.cleanup.period=1h"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ViewerPagesBrowserTest {

    private static final String MEMBER = "you are a member of acme";

    @RegisterExtension
    static final Browser browser = new Browser();

    private String runningJob;

    @BeforeAll
    void octocatStartsADeleteThatIsStillRunning() {
        Page page = browser.signedIn("octocat");
        runningJob = Journeys.deleteGrantingThePermission(page, "octocat", "/owners/acme/cleanup?name=base&groups%5B0%5D.olderThan=1", "base");
        assertThat(page.locator("#cancel-button")).isVisible();
        page.context().close();
    }

    @Test
    void aViewerSeesWhatTheyCannotDoAndWhyOnEveryPage() {
        Page page = browser.signedIn("hubot");

        page.navigate("/owners/acme/cleanup?name=web&groups%5B0%5D.orphans=true");
        assertThat(page.locator("#viewer-notice")).containsText("Only acme's admins can delete versions — " + MEMBER + ".");
        assertThat(page.locator("#cleanup-form")).hasCount(0);
        assertThat(page.locator("#preview")).hasCount(0);
        assertThat(page.locator("#confirm-button")).hasCount(0);
        check(page, "viewer-cleanup");

        page.navigate("/owners/acme/delete-package?name=web");
        assertThat(page.locator("#viewer-notice")).containsText("Only acme's admins can delete packages — " + MEMBER + ".");
        assertThat(page.locator("#delete-package-form")).hasCount(0);
        check(page, "viewer-delete-package");

        page.navigate("/owners/acme/trash");
        assertThat(page.locator("#viewer-notice")).containsText("Only acme's admins can restore versions — " + MEMBER + ".");
        assertThat(page.locator("input[name=versionIds], .restore-button")).hasCount(0);
        assertThat(page.locator("form.trash-form tbody tr")).not().hasCount(0);
        check(page, "viewer-trash");

        page.navigate("/owners/acme/visibility");
        assertThat(page.locator("#viewer-notice")).containsText("Only acme's admins can change visibility or set rules — " + MEMBER + ".");
        assertThat(page.locator("button", new Page.LocatorOptions().setHasText("Make public"))).hasCount(0);
        assertThat(page.locator("button", new Page.LocatorOptions().setHasText("Make private"))).hasCount(0);
        assertThat(page.locator("#rule-form, #queue-form")).hasCount(0);
        assertThat(page.locator("button.recheck").first()).isVisible();
        check(page, "viewer-visibility");

        EveryPageBrowserTest.openPackage(page, "/owners/acme/packages/web");
        assertThat(page.locator("#change-visibility")).hasCount(0);
        assertThat(page.locator(".not-allowed")).containsText("Only acme's admins can change visibility — " + MEMBER + ".");
        check(page, "viewer-package");

        page.navigate(runningJob);
        assertThat(page.locator("#job-status")).containsText("Running");
        assertThat(page.locator("#cancel-button")).hasCount(0);
        assertThat(page.locator("#cancel-not-allowed")).hasText("Only octocat, who started this job, or acme's admins can cancel it.");
        check(page, "viewer-job");
    }

    @Test
    void anAdminStillGetsEveryAction() {
        Page page = browser.signedIn("octocat");
        page.navigate("/owners/acme/visibility");
        assertThat(page.locator("#viewer-notice")).hasCount(0);
        assertThat(page.locator("#rule-form")).isVisible();
        page.navigate("/owners/acme/delete-package?name=web");
        assertThat(page.locator("#delete-package-form")).isVisible();
        page.navigate(runningJob);
        assertThat(page.locator("#cancel-button")).isVisible();
    }

    private static void check(Page page, String name) {
        Browser.screenshot(page, name);
        org.assertj.core.api.Assertions.assertThat(PageCheck.seriousAccessibilityViolations(page)).as(name).isEmpty();
        org.assertj.core.api.Assertions.assertThat(PageCheck.documentWidth(page)).as(name).isLessThanOrEqualTo(1280);
    }
}
