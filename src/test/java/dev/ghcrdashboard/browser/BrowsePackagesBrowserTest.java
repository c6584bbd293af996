package dev.ghcrdashboard.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.ghcrdashboard.simulator.Simulator;
import dev.ghcrdashboard.support.Browser;
import dev.ghcrdashboard.support.SimulatorBackedTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The read path in a real browser: sign in through GitHub's OAuth redirects, switch owner, list and
 * search packages, open a multi-arch image and check what a developer looks for (platforms, sizes,
 * pull commands by tag and digest). Screenshots land in target/screenshots/.
 */
@SimulatorBackedTest
class BrowsePackagesBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @Autowired
    Simulator github;

    @Test
    void signInSwitchOwnerListAndOpenAMultiArchImage() {
        Page page = browser.signedIn("octocat");

        assertThat(page.locator("h1")).containsText("Packages of octocat");
        assertThat(page.locator(".who")).hasText("octocat");
        Browser.screenshot(page, "browse-1-own-packages");

        page.locator(".owner-menu summary").click();
        page.locator(".owner-menu .menu a", new Page.LocatorOptions().setHasText("acme")).click();
        page.waitForURL(url -> url.endsWith("/owners/acme/packages"));
        assertThat(page.locator("h1")).containsText("Packages of acme");
        assertThat(page.locator("#package-results tbody tr")).not().hasCount(0);
        assertThat(page.locator("#package-results")).containsText("tools/cli");
        Browser.screenshot(page, "browse-2-org-packages");

        // Typing filters as you type (htmx, after a short pause); wait until that request has settled
        // so the click below does not race a second swap of the results.
        page.locator("input[name=q]").fill("we");
        page.waitForURL(url -> url.contains("q=we"));
        page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        assertThat(page.locator("#package-results tbody tr")).hasCount(1);
        assertThat(page.locator("#package-results")).containsText("web");

        page.locator("#package-results a", new Page.LocatorOptions().setHasText("web")).click();
        page.waitForURL(url -> url.endsWith("/owners/acme/packages/web"));
        assertThat(page.locator("h1")).hasText("web");
        Locator latest = page.locator("tr", new Page.LocatorOptions().setHas(page.locator(".badge.tag", new Page.LocatorOptions().setHasText("latest"))));
        assertThat(latest).hasCount(1);
        assertThat(latest.locator(".badge.kind")).hasText("multi-arch index");
        assertThat(latest).containsText("linux/amd64, linux/arm64, linux/arm/v7");
        assertThat(latest.locator("td.num")).containsText("KiB");
        String registryHost = github.baseUrl().getAuthority();
        // One compact copy button per tag and one for the digest, each copying the whole command.
        assertThat(latest.locator("button.pull-button", new Locator.LocatorOptions().setHasText("latest")))
                .hasAttribute("data-copy", "docker pull " + registryHost + "/acme/web:latest");
        assertThat(latest.locator("button.pull-button", new Locator.LocatorOptions().setHasText("digest")).getAttribute("data-copy"))
                .startsWith("docker pull " + registryHost + "/acme/web@sha256:");

        // The index's platform manifests and attestations are listed under it, not as loose rows.
        List<String> kindsUnderLatest = page.locator("tbody tr").allInnerTexts();
        assertThat(String.join("\n", kindsUnderLatest)).contains("platform manifest").contains("attestation");
        Browser.screenshot(page, "browse-3-multi-arch-package");

        latest.locator("a.digest").click();
        assertThat(page.locator("h1")).containsText("latest");
        assertThat(page.locator("pre.manifest")).containsText("application/vnd.oci.image.index.v1+json");
        Browser.screenshot(page, "browse-4-version");
    }

    @Test
    void hostileTextFromTheRegistryIsShownAsTextNeverRun() {
        Page page = browser.newPage();
        boolean[] dialogOpened = {false};
        page.onDialog(dialog -> {
            dialogOpened[0] = true;
            dialog.dismiss();
        });
        browser.signIn(page, "octocat");
        page.navigate("/owners/acme/packages/hostile");
        Locator xss = page.locator("tr", new Page.LocatorOptions().setHas(page.locator(".badge.tag", new Page.LocatorOptions().setHasText("xss"))));
        xss.locator("a.digest").click();
        assertThat(page.locator("body")).containsText("<script>");
        assertThat(page.locator("img[src=x]")).hasCount(0);
        assertThat(dialogOpened[0]).as("no script from an annotation ran").isFalse();
        Browser.screenshot(page, "browse-5-hostile-annotations");
    }
}
