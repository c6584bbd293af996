package dev.ghcrdashboard.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import dev.ghcrdashboard.support.Browser;
import java.net.URI;
import java.util.function.BooleanSupplier;

/** Steps several browser tests of the pages take on the way to what they check. */
final class Journeys {

    private Journeys() {
    }

    /**
     * From a cleanup preview ({@code previewPath}, e.g. {@code /owners/acme/cleanup?name=api&groups%5B0%5D.orphans=true}) to its
     * delete job, granting GitHub's {@code delete:packages} on the way as a first delete asks; types
     * {@code confirmName} when the plan wants it typed. Returns the job page's path.
     */
    static String deleteGrantingThePermission(Page page, String login, String previewPath, String confirmName) {
        page.navigate(previewPath);
        page.locator("#confirm-button").click();
        page.locator("#grant-permission").click();
        Browser.authorizeOnGitHub(page, login);
        page.waitForURL(url -> url.contains("/cleanup"));
        if (confirmName != null) {
            page.locator("#confirmName").fill(confirmName);
        }
        page.locator("#confirm-button").click();
        page.waitForURL(url -> url.contains("/jobs/"));
        return URI.create(page.url()).getRawPath();
    }

    /** As {@link #deleteGrantingThePermission}, then waits for the job to finish. */
    static String deleteToTheEnd(Page page, String login, String previewPath, String confirmName) {
        String job = deleteGrantingThePermission(page, login, previewPath, confirmName);
        followTheJobToItsEnd(page);
        return job;
    }

    /** After a click that starts a job: waits for the job's page, then for the job to finish. */
    static void followTheJobToItsEnd(Page page) {
        page.waitForURL(url -> url.contains("/jobs/"));
        assertThat(page.locator("#job-status")).containsText("Finished", Browser.LONG_WAIT);
    }

    /** Reloads the page until {@code done} holds: for what the dashboard finishes in the background. */
    static void reloadUntil(Page page, BooleanSupplier done, double timeoutMillis) {
        page.waitForCondition(() -> {
            page.reload();
            return done.getAsBoolean();
        }, new Page.WaitForConditionOptions().setTimeout(timeoutMillis));
    }
}
