package dev.ghcrdashboard.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.ghcrdashboard.support.Browser;
import dev.ghcrdashboard.support.PageCheck;
import dev.ghcrdashboard.support.SimulatorBackedTest;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * eve belongs to no organization; like on GitHub she may look at anyone's public packages (docs/ghcr-platform.md §2.7).
 * Through the owner switcher's "Open owner…" field she opens acme (an organization with public and private packages)
 * and octocat (another user): she sees only the public packages, no action anywhere, and a notice in the words for an
 * organization or a user.
 */
@SimulatorBackedTest
class PublicPackagesBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @Test
    void anOutsiderOpensAnOrgsAndAUsersPublicPackagesReadOnly() {
        Page page = browser.signedIn("eve");

        openOwner(page, "acme");
        assertThat(page).hasURL(Pattern.compile(".*/owners/acme/packages$"));
        assertThat(page.locator("#public-reader-notice"))
                .hasText("You are not a member of acme: only its public packages are shown, read-only.");
        org.assertj.core.api.Assertions.assertThat(packageNames(page)).containsExactlyInAnyOrder("web", "popular", "leaky");
        assertThat(page.locator("a[href='/owners/acme/trash'], a[href='/owners/acme/visibility']")).hasCount(0);
        check(page, "public-reader-org-packages");

        page.locator("#package-results a", new Page.LocatorOptions().setHasText("web")).first().click();
        EveryPageBrowserTest.openPackage(page, "/owners/acme/packages/web");
        assertThat(page.locator("#public-reader-notice")).isVisible();
        assertThat(page.locator(".page-title .actions a.button")).hasText(new String[] {"Open on GitHub"});
        assertThat(page.locator("#change-visibility, button.recheck, .not-allowed")).hasCount(0);
        assertThat(page.locator(".visibility-badge")).containsText("public");
        check(page, "public-reader-package");

        page.locator("#versions a.digest").first().click();
        assertThat(page.locator("#version-heading")).isVisible();
        assertThat(page.locator("#public-reader-notice")).isVisible();
        assertThat(page.locator("#tag-actions")).hasCount(0);
        check(page, "public-reader-version");

        openOwner(page, "octocat");
        assertThat(page.locator("#public-reader-notice"))
                .hasText("These are octocat's public packages, shown read-only: only octocat can change them.");
        org.assertj.core.api.Assertions.assertThat(packageNames(page)).containsExactly("hello");

        openOwner(page, "nobody-here");
        assertThat(page.locator("main")).containsText("There is no GitHub user or organization called nobody-here.");
        assertThat(page.locator(".owner-menu summary")).isVisible();
    }

    @Test
    void theFieldWorksWithoutJavaScript() {
        Page signedIn = browser.signedIn("eve");
        URI dashboard = URI.create(signedIn.url()).resolve("/");
        BrowserContext noScript = signedIn.context().browser().newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setJavaScriptEnabled(false).setViewportSize(1280, 900).setBaseURL(dashboard.toString()));
        noScript.addCookies(signedIn.context().cookies());
        Page page = noScript.newPage();
        page.navigate("/owners/eve/packages");

        openOwner(page, "acme");
        assertThat(page).hasURL(Pattern.compile(".*/owners/acme/packages$"));
        assertThat(page.locator("#public-reader-notice")).containsText("only its public packages are shown");
        noScript.close();
    }

    @Test
    void theOpenFieldFitsAPhoneAndIsAccessible() {
        Page page = browser.newPage(PageCheck.Viewport.PHONE);
        browser.signIn(page, "eve");
        page.locator(".owner-menu summary").click();
        assertThat(page.getByLabel("Open owner…")).isVisible();
        Browser.screenshot(page, "open-owner-phone");
        org.assertj.core.api.Assertions.assertThat(PageCheck.seriousAccessibilityViolations(page)).isEmpty();
        org.assertj.core.api.Assertions.assertThat(PageCheck.documentWidth(page)).isLessThanOrEqualTo(PageCheck.Viewport.PHONE.width);
    }

    /** The switcher is a disclosure: open it, type the login, press the button. */
    private static void openOwner(Page page, String login) {
        page.locator(".owner-menu summary").click();
        page.getByLabel("Open owner…").fill(login);
        page.locator("#open-owner-button").click();
        page.waitForLoadState();
    }

    private static List<String> packageNames(Page page) {
        return page.locator("#package-results tbody th[scope=row] a").allTextContents().stream().map(String::strip).toList();
    }

    private static void check(Page page, String name) {
        Browser.screenshot(page, name);
        org.assertj.core.api.Assertions.assertThat(PageCheck.seriousAccessibilityViolations(page)).as(name).isEmpty();
        org.assertj.core.api.Assertions.assertThat(PageCheck.documentWidth(page)).as(name).isLessThanOrEqualTo(1280);
    }
}
