package dev.ghcrdashboard.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.ghcrdashboard.support.Browser;
import dev.ghcrdashboard.support.SimulatorBackedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One journey with the keyboard alone, from signing in through a package to a cleanup preview: every step is reached
 * with Tab (or the arrow keys in the owner list) and taken with Enter or Space; the mouse is never used, and every
 * focused control is visibly outlined.
 */
@SimulatorBackedTest
class KeyboardJourneyBrowserTest {

    /** Far more than any page here needs; a control that Tab never reaches fails the journey instead of looping. */
    private static final int MAX_TABS = 80;

    @RegisterExtension
    static final Browser browser = new Browser();

    @Test
    void signInOpenAPackageAndPreviewACleanupWithTheKeyboardOnly() {
        Page page = browser.newPage();
        page.navigate("/");

        // The skip link comes first, then the sign-in button.
        tabTo(page, "a.skip-link");
        tabTo(page, "a.button.primary");
        page.keyboard().press("Enter");
        page.waitForURL(url -> url.contains("/login/oauth/authorize"));
        tabTo(page, "input[name=login][value=octocat]");
        page.keyboard().press("Space");
        tabTo(page, "#authorize");
        page.keyboard().press("Enter");
        browser.waitForPath(page, "/owners/octocat/packages");

        // The owner list opens with Enter; arrow keys move through it without leaving the page.
        tabTo(page, ".owner-menu summary");
        page.keyboard().press("Enter");
        page.keyboard().press("ArrowDown");
        page.keyboard().press("ArrowDown");
        assertThat(page.locator(".owner-menu .menu a", new Page.LocatorOptions().setHasText("acme"))).isFocused();
        assertThat(page).hasURL(browser.url("/owners/octocat/packages"));
        page.keyboard().press("Enter");
        page.waitForURL(url -> url.endsWith("/owners/acme/packages"));

        tabTo(page, "#package-results a[href='/owners/acme/packages/api']");
        page.keyboard().press("Enter");
        page.waitForURL(url -> url.endsWith("/owners/acme/packages/api"));
        assertThat(page.locator("h1")).hasText("api");

        tabTo(page, "a.button[href^='/owners/acme/cleanup']");
        page.keyboard().press("Enter");
        page.waitForURL(url -> url.contains("/owners/acme/cleanup"));
        tabTo(page, "input[name='groups[0].orphans']");
        page.keyboard().press("Space");
        assertThat(page.locator("input[name='groups[0].orphans']")).isChecked();
        tabTo(page, "#preview-button");
        page.keyboard().press("Enter");
        page.waitForURL(url -> url.contains("orphans=true"));
        assertThat(page.locator("#plan-summary")).containsText("1 version will be deleted");
        Browser.screenshot(page, "keyboard-journey-preview");
    }

    /**
     * Presses Tab until the focused element matches {@code selector}, and checks that the browser draws a focus outline
     * around it.
     */
    private static void tabTo(Page page, String selector) {
        for (int tabs = 0; tabs < MAX_TABS; tabs++) {
            page.keyboard().press("Tab");
            if (Boolean.TRUE.equals(page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector))) {
                String outline = (String) page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle");
                assertThat(outline).as("focus outline of %s", selector).isNotEqualTo("none");
                return;
            }
        }
        throw new AssertionError(selector + " was not reached with " + MAX_TABS + " presses of Tab");
    }
}
