package dev.ghcrdashboard.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.LoadState;
import dev.ghcrdashboard.simulator.Simulator;
import dev.ghcrdashboard.support.Browser;
import dev.ghcrdashboard.support.Dashboard;
import dev.ghcrdashboard.support.FastJobs;
import dev.ghcrdashboard.support.SimulatorBackedTest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The facts issue 12 found wrong or missing, one test each, in a real browser against the demo world: platforms of
 * single-arch images, proofs made without anyone clicking, storage charts that add up, links to GitHub that land,
 * error pages that keep the header, GitHub's encoded form of nested names, an owner switcher that needs no script,
 * consistent page numbers, and a permission grant that keeps the trash selection.
 */
@SimulatorBackedTest(properties = {
        "ghcr-dashboard.visibility.proofs.interval=300ms",
        "ghcr-dashboard.visibility.proofs.per-run=20"})
@FastJobs
class PageFactsBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @Autowired
    Simulator github;
    @Autowired
    Dashboard dashboard;

    @Test
    void singleArchImagesShowTheirPlatformInTheTableAndOnTheirPage() {
        Page page = browser.signedIn("octocat");
        EveryPageBrowserTest.openPackage(page, "/owners/acme/packages/api");
        Locator v10 = versionRow(page, "v1.0");
        assertThat(v10.locator(".badge.kind")).hasText("image");
        assertThat(v10.locator("td.platforms")).hasText("linux/amd64");

        v10.locator("a.digest").click();
        assertThat(page.locator("#platforms")).hasText("linux/amd64");
    }

    @Test
    void everyListedPackageGetsAnAnonymousPullProofWithoutAnyoneClicking() {
        Page page = browser.signedIn("octocat");
        page.navigate("/owners/acme/packages");
        Locator leaky = page.locator("#package-results tr", new Page.LocatorOptions().setHasText("leaky"));
        assertThat(leaky).containsText("public");

        // The page listed them; the background prover proves them within a few runs. Nobody clicks Re-check.
        Journeys.reloadUntil(page, () -> page.locator("#package-results .proof.muted",
                new Page.LocatorOptions().setHasText("not proved yet")).count() == 0, 30_000);
        leaky = page.locator("#package-results tr", new Page.LocatorOptions().setHasText("leaky"));
        assertThat(leaky.locator(".proof")).containsText("anonymous pull works");
        assertThat(leaky.locator(".proof time")).hasAttribute("title", java.util.regex.Pattern.compile("UTC$"));
        Locator api = page.locator("#package-results tr", new Page.LocatorOptions().setHasText("api"));
        assertThat(api.locator(".proof")).containsText("anonymous pull denied");

        // The drift report shows the proof of the public package built from a private repository.
        page.navigate("/owners/acme/visibility");
        Locator leakyStatus = page.locator("#packages ~ div tr", new Page.LocatorOptions().setHasText("leaky"));
        assertThat(leakyStatus.locator(".proof")).containsText("anonymous pull works");
        Browser.screenshot(page, "facts-proofs-in-the-background");
    }

    @Test
    void theStorageChartAddsUpTheVersionTables() {
        Page page = browser.signedIn("octocat");
        page.navigate("/owners/acme/storage");
        Journeys.reloadUntil(page, () -> page.locator("#storage[hx-get]").count() == 0, 60_000);
        Browser.screenshot(page, "facts-storage-owner");
        Locator bars = page.locator("#storage-chart .bar-row");
        assertThat(bars).not().hasCount(0);
        long chartTotal = 0;
        long chartOrphans = 0;
        for (String packageName : List.of("web", "api", "tools/cli", "leaky", "base")) {
            Locator bar = page.locator("#storage-chart .bar-row[data-label='" + packageName + "']");
            long chartBytes = Long.parseLong(bar.getAttribute("data-bytes"));
            long chartOrphanBytes = Long.parseLong(bar.getAttribute("data-part-bytes"));
            Page table = browser.signedIn("octocat");
            TableSums sums = tableSums(table, "/owners/acme/packages/" + packageName);
            assertThat(chartBytes).as("%s: chart = sum of the version table's sizes", packageName).isEqualTo(sums.bytes());
            assertThat(chartOrphanBytes).as("%s: orphans in the chart = sum of the orphan rows", packageName).isEqualTo(sums.orphanBytes());
            assertThat(bar).containsText(sums.versions() + " versions");
            // The package's own history ends at the same total.
            assertThat(Long.parseLong(table.locator("#history-chart .bar-row").last().getAttribute("data-bytes"))).isEqualTo(sums.bytes());
            table.context().close();
        }
        for (String bytes : bars.evaluateAll("rows => rows.map(r => r.dataset.bytes)").toString().replaceAll("[\\[\\] ]", "").split(",")) {
            chartTotal += Long.parseLong(bytes);
        }
        for (String bytes : bars.evaluateAll("rows => rows.map(r => r.dataset.partBytes)").toString().replaceAll("[\\[\\] ]", "").split(",")) {
            chartOrphans += Long.parseLong(bytes);
        }
        assertThat(chartOrphans).as("acme has untagged orphans (web, api, leaky)").isPositive();
        assertThat(page.locator("#storage-totals strong").first()).hasText(human(chartTotal));
        assertThat(page.locator("#storage-totals .orphan-total")).hasText(human(chartOrphans));
    }

    @Test
    void repositoryAndPackageLinkToTheirGitHubPagesWhichTheSimulatorServes() {
        Page page = browser.signedIn("octocat");
        EveryPageBrowserTest.openPackage(page, "/owners/acme/packages/web");
        assertThat(page.locator("#repository-link")).hasAttribute("href", github.baseUrl() + "/acme/web");
        Response repository = page.navigate(page.locator("#repository-link").getAttribute("href"));
        assertThat(repository.status()).isEqualTo(200);
        assertThat(page.locator("body")).containsText("acme/web");

        EveryPageBrowserTest.openPackage(page, "/owners/acme/packages/tools/cli");
        String onGitHub = page.locator("a.button", new Page.LocatorOptions().setHasText("Open on GitHub")).getAttribute("href");
        assertThat(onGitHub).isEqualTo(github.baseUrl() + "/orgs/acme/packages/container/package/tools%2Fcli");
        assertThat(page.navigate(onGitHub).status()).isEqualTo(200);
    }

    @Test
    void errorPagesKeepTheHeader() {
        Page page = browser.signedIn("octocat");
        Response missing = page.navigate("/owners/acme/packages/no-such-package");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(page.locator(".owner-menu summary")).isVisible();
        assertThat(page.locator(".who")).hasText("octocat");
        assertThat(page.locator("a", new Page.LocatorOptions().setHasText("Audit log"))).isVisible();

        // The servlet container refuses an encoded NUL before it reads the session cookie, so the page cannot know
        // who is asking; it still is the dashboard's page, with the header and the way home.
        Response nul = page.navigate("/owners/acme/packages/tools%00cli");
        assertThat(nul.status()).isEqualTo(400);
        assertThat(page.locator("h1")).hasText("That request does not make sense");
        assertThat(page.locator(".site-header .brand")).isVisible();
    }

    @Test
    void gitHubsEncodedFormOfANestedNameLeadsToThePackage() {
        Page page = browser.signedIn("octocat");
        page.navigate("/owners/acme/packages/tools%2Fcli?show=tagged");
        assertThat(page).hasURL(browser.url("/owners/acme/packages/tools/cli?show=tagged"));
        assertThat(page.locator("h1")).hasText("tools/cli");
    }

    @Test
    void theOwnerSwitcherWorksWithoutJavaScriptAndArrowKeysMoveWithoutNavigating() {
        Page page = browser.signedIn("octocat");
        page.navigate("/owners/octocat/packages");
        page.locator(".owner-menu summary").focus();
        page.keyboard().press("Enter");
        page.keyboard().press("ArrowDown");
        page.keyboard().press("ArrowDown");
        page.keyboard().press("ArrowDown");
        assertThat(page).hasURL(browser.url("/owners/octocat/packages"));
        assertThat(page.locator(".owner-menu .menu a").nth(2)).isFocused();
        page.keyboard().press("Enter");
        page.waitForURL(url -> url.endsWith("/owners/octo-labs/packages"));

        var noScript = page.context().browser().newContext(new NewContextOptions().setJavaScriptEnabled(false)
                .setBaseURL(dashboard.url()).setStorageState(page.context().storageState()));
        Page plain = noScript.newPage();
        plain.navigate("/owners/octocat/packages");
        plain.locator(".owner-menu summary").click();
        plain.locator(".owner-menu .menu a", new Page.LocatorOptions().setHasText("acme")).click();
        plain.waitForURL(url -> url.endsWith("/owners/acme/packages"));
        assertThat(plain.locator("h1")).containsText("acme");
        noScript.close();
    }

    @Test
    void pagesBeforeTheFirstAreRefusedAndPagesPastTheLastShowTheLastInBothLists() {
        Page page = browser.signedIn("octocat");
        assertThat(page.navigate("/owners/acme/packages?page=-1").status()).isEqualTo(400);
        assertThat(page.locator("p", new Page.LocatorOptions().setHasText("Page must be 1 or more."))).hasCount(1);
        assertThat(page.navigate("/owners/acme/packages/base?page=-5").status()).isEqualTo(400);
        assertThat(page.locator("p", new Page.LocatorOptions().setHasText("Page must be 1 or more."))).hasCount(1);

        page.navigate("/owners/acme/packages?page=99");
        assertThat(page.locator("#package-results tbody tr")).not().hasCount(0);
        EveryPageBrowserTest.openPackage(page, "/owners/acme/packages/base?page=99");
        assertThat(page.locator(".pager")).containsText("Page 2 of 2");
    }

    @Test
    void grantingThePermissionToRestoreKeepsTheChosenVersions() {
        Page page = browser.signedIn("octocat");
        Journeys.deleteToTheEnd(page, "octocat", "/owners/acme/cleanup?name=api&groups%5B0%5D.orphans=true", null);

        page.navigate("/owners/acme/trash?name=api");
        Locator box = page.locator("input[name=versionIds]").first();
        String chosen = box.getAttribute("value");
        box.check();
        page.locator("input[name=confirm]").check();
        page.locator(".restore-button").click();
        assertThat(page.locator("h1")).hasText("Allow restoring packages");
        browser.grantPermission(page, "octocat", "write:packages", "/owners/acme/trash");
        assertThat(page.locator("input[name=versionIds][value='" + chosen + "']")).isChecked();
    }

    private record TableSums(long bytes, long orphanBytes, int versions) {
    }

    /** Every page of a package's version table: each version once, an index adding nothing of its own. */
    private static TableSums tableSums(Page page, String path) {
        Map<String, Long> bytesById = new HashMap<>();
        Set<String> orphans = new HashSet<>();
        for (int number = 1; ; number++) {
            EveryPageBrowserTest.openPackage(page, path + "?page=" + number);
            for (Locator row : page.locator("#versions tbody tr").all()) {
                String id = row.getAttribute("data-version-id");
                String kind = row.getAttribute("data-kind");
                // A version placed without reading its manifest (attestation, signature) shows no size and the
                // chart does not count one for it.
                String bytes = row.locator("td.num").getAttribute("data-bytes");
                long size = bytes == null ? 0 : Long.parseLong(bytes);
                bytesById.put(id, "MULTI_ARCH_INDEX".equals(kind) ? 0 : size);
                if (row.locator(".badge.orphaned").count() > 0) {
                    orphans.add(id + ":" + size);
                }
            }
            if (page.locator(".pager a[rel=next]").count() == 0) {
                break;
            }
        }
        page.waitForLoadState(LoadState.NETWORKIDLE);
        long orphanBytes = orphans.stream().mapToLong(o -> Long.parseLong(o.substring(o.indexOf(':') + 1))).sum();
        return new TableSums(bytesById.values().stream().mapToLong(Long::longValue).sum(), orphanBytes, bytesById.size());
    }

    private static Locator versionRow(Page page, String tag) {
        return page.locator("#versions tr", new Page.LocatorOptions().setHas(
                page.locator(".badge.tag", new Page.LocatorOptions().setHasText(tag))));
    }

    private static String human(long bytes) {
        return dev.ghcrdashboard.common.Sizes.human(bytes);
    }
}
