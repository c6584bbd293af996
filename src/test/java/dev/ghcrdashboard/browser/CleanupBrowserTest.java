package dev.ghcrdashboard.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.ghcrdashboard.audit.AuditAction;
import dev.ghcrdashboard.audit.AuditEntry;
import dev.ghcrdashboard.audit.AuditLog;
import dev.ghcrdashboard.audit.AuditOutcome;
import dev.ghcrdashboard.audit.AuditQuery;
import dev.ghcrdashboard.simulator.Simulator;
import dev.ghcrdashboard.support.Browser;
import dev.ghcrdashboard.support.FastJobs;
import dev.ghcrdashboard.support.SimulatorBackedTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Delete and restore in a real browser, the way a person does it: pick an image, preview, grant the
 * delete permission on GitHub when first needed, type the name, follow the job, find the image in the
 * trash, grant the restore permission, restore, and see the tag on the package page again.
 * Screenshots land in target/screenshots/.
 */
@SimulatorBackedTest
@FastJobs
class CleanupBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @Autowired
    Simulator github;
    @Autowired
    AuditLog audit;
    @Autowired
    dev.ghcrdashboard.packages.PackageAnalyzer analyzer;
    @Autowired
    dev.ghcrdashboard.owners.OwnerDirectory owners;

    @Test
    void selectPreviewConfirmFollowTheJobThenRestoreFromTheTrash() {
        Page page = browser.signedIn("octocat");

        page.navigate("/owners/acme/packages/api");
        page.getByText("Clean up versions…").click();
        assertThat(page.locator("h1")).containsText("Clean up api");
        Locator v09 = page.locator("#pick-table tr", new Page.LocatorOptions().setHas(page.locator(".badge.tag", new Page.LocatorOptions().setHasText("v0.9"))));
        v09.locator("input[type=checkbox]").check();
        page.locator("#preview-button").click();
        assertThat(page.locator("#plan-delete")).containsText("v0.9");
        assertThat(page.locator("#plan-summary")).containsText("1 version will be deleted");
        Browser.screenshot(page, "cleanup-1-preview");

        // First delete: the dashboard explains, then asks GitHub for delete:packages and comes back here.
        page.locator("#confirm-button").click();
        assertThat(page.locator("h1")).hasText("Allow deleting packages");
        Browser.screenshot(page, "cleanup-2-permission");
        browser.grantPermission(page, "octocat", "delete:packages", "/owners/acme/cleanup");
        assertThat(page.locator("#plan-delete")).containsText("v0.9");

        Locator confirm = page.locator("#confirm-button");
        assertThat(confirm).isDisabled();
        page.locator("#confirmName").fill("api");
        assertThat(confirm).isEnabled();
        confirm.click();
        Journeys.followTheJobToItsEnd(page);
        assertThat(page.locator("#job-status")).hasAttribute("role", "status");
        assertThat(page.locator("#job-items tbody tr").first()).containsText("deleted");
        assertThat(page.locator("#job-report")).containsText("Integrity: all");
        Browser.screenshot(page, "cleanup-3-job-finished");

        page.navigate("/owners/acme/trash");
        assertThat(page.locator("h1")).hasText("Trash of acme");
        assertThat(page.locator("form.trash-form[data-package=api]")).containsText("v0.9");
        page.goBack();

        // The trash remembers the tag and who deleted it; restoring asks for write:packages first.
        page.locator("#job-report a", new Page.LocatorOptions().setHasText("Trash")).click();
        Locator trashed = page.locator("tr", new Page.LocatorOptions().setHas(page.locator(".badge.tag", new Page.LocatorOptions().setHasText("v0.9"))));
        assertThat(trashed).containsText("octocat");
        assertThat(trashed).containsText("30");
        Browser.screenshot(page, "cleanup-4-trash");
        trashed.locator("input[name=versionIds]").check();
        page.locator("input[name=confirm]").check();
        page.locator(".restore-button").click();
        assertThat(page.locator("h1")).hasText("Allow restoring packages");
        browser.grantPermission(page, "octocat", "write:packages", "/owners/acme/trash");

        trashed = page.locator("tr", new Page.LocatorOptions().setHas(page.locator(".badge.tag", new Page.LocatorOptions().setHasText("v0.9"))));
        trashed.locator("input[name=versionIds]").check();
        page.locator("input[name=confirm]").check();
        page.locator(".restore-button").click();
        Journeys.followTheJobToItsEnd(page);
        assertThat(page.locator("#job-items")).containsText("restored");
        assertThat(page.locator("#job-report")).containsText("Tag v0.9 resolves again");
        Browser.screenshot(page, "cleanup-5-restored");

        page.locator("#job-report a", new Page.LocatorOptions().setHasText("Back to the package")).click();
        assertThat(page.locator("h1")).hasText("api");
        assertThat(page.locator(".badge.tag", new Page.LocatorOptions().setHasText("v0.9"))).hasCount(1);
        Browser.screenshot(page, "cleanup-6-package-again");

        List<AuditEntry> entries = audit.search(new AuditQuery("acme", "api", "octocat", null, null, null, 1, 50)).entries();
        assertThat(entries).anySatisfy(entry -> {
            assertThat(entry.action()).isEqualTo(AuditAction.DELETE_VERSION);
            assertThat(entry.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
            assertThat(entry.tags()).containsExactly("v0.9");
            assertThat(entry.jobId()).isNotNull();
        });
        assertThat(entries).anySatisfy(entry -> {
            assertThat(entry.action()).isEqualTo(AuditAction.RESTORE_VERSION);
            assertThat(entry.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
            assertThat(entry.tags()).containsExactly("v0.9");
        });
    }

    @Test
    void declningTheExtraPermissionKeepsReadAccess() {
        Page page = browser.signedIn("octocat");
        page.navigate("/owners/acme/cleanup?name=hostile&groups%5B0%5D.orphans=true");
        assertThat(page.locator("#plan-delete")).isVisible();
        page.locator("#confirm-button").click();
        page.locator("#grant-permission").click();
        page.waitForURL(url -> url.contains("/login/oauth/authorize"));
        page.locator("#cancel").click();
        browser.waitForPath(page, "/permissions/declined");
        assertThat(page.locator("h1")).hasText("You kept read-only access");
        Browser.screenshot(page, "cleanup-7-declined");
        page.locator("#declined-back").click();
        assertThat(page.locator("h1")).containsText("Clean up hostile");
        assertThat(page.locator(".who")).hasText("octocat");
        assertThat(github.control().versions("acme", "hostile", true)).isEmpty();
    }

    @Test
    void anInvalidPatternIsShownOnTheFormWithTheInputKept() {
        Page page = browser.signedIn("octocat");
        page.navigate("/owners/acme/cleanup?name=web");
        page.locator("#g0-tagSyntax").selectOption("regex");
        page.locator("#g0-tagPattern").fill("(a+)+[");
        page.locator("#preview-button").click();
        assertThat(page.locator("[id='groups[0].tagPattern-error']")).isVisible();
        assertThat(page.locator("#g0-tagPattern")).hasAttribute("aria-describedby", "groups[0].tagPattern-error");
        assertThat(page.locator("#g0-tagPattern")).hasValue("(a+)+[");
        assertThat(page.locator("#g0-tagPattern")).hasAttribute("aria-invalid", "true");
        assertThat(page.locator("#g0-tagPattern")).isFocused();
        assertThat(page.locator("#preview")).hasCount(0);
        Browser.screenshot(page, "cleanup-8-invalid-pattern");

        page.navigate("/owners/acme/cleanup?name=web");
        page.locator("#g0-keepUntagged").fill("many");
        page.locator("#preview-button").click();
        assertThat(page.locator("[id='groups[0].keepUntagged-error']")).isVisible();
        assertThat(page.locator("#g0-keepUntagged")).hasAttribute("aria-describedby", "groups[0].keepUntagged-error");
        assertThat(page.locator("#g0-keepUntagged")).hasAttribute("aria-invalid", "true");
        assertThat(page.locator("#g0-keepUntagged")).hasValue("many");
        assertThat(page.locator("label[for='g0-keepUntagged']")).hasText("Keep the newest untagged images (count)");
    }

    @Test
    void anImageBrokenElsewhereIsReportedAndRepairedFromTheTrash() {
        var control = github.control();
        String latest = control.resolveTag("acme", "web", "latest").orElseThrow();
        var reader = new dev.ghcrdashboard.security.SignedInUser("octocat",
                new dev.ghcrdashboard.github.AccessToken("ghp_demo_octocat_all"), java.util.Set.of("read:packages"));
        var acme = owners.find(reader, "acme").orElseThrow();
        var graph = analyzer.analyse(reader, acme, "web", java.time.Duration.ofSeconds(30)).graph();
        var platform = graph.belongingTo(graph.byDigest(latest).orElseThrow()).stream()
                .filter(node -> node.kind() == dev.ghcrdashboard.packages.VersionKind.PLATFORM_MANIFEST)
                .findFirst().orElseThrow();
        control.deleteVersionAsSomeoneElse("acme", "web", platform.id());
        assertThat(control.isComplete("acme", "web", latest)).isFalse();
        Page page = browser.signedIn("octocat");
        page.navigate("/owners/acme/trash?name=web");
        page.locator("#integrity-button").click();
        assertThat(page.locator("#integrity-broken")).containsText("tag latest");
        assertThat(page.locator("#integrity-broken")).containsText("still in the trash");
        Browser.screenshot(page, "cleanup-9-integrity-broken");
        page.locator("#repair-button").click();
        browser.grantPermission(page, "octocat", "write:packages", "/owners/acme/trash");
        page.locator("#integrity-button").click();
        page.locator("#repair-button").click();
        Journeys.followTheJobToItsEnd(page);
        assertThat(page.locator("#job-report")).containsText("Integrity: all");
        Browser.screenshot(page, "cleanup-10-repaired");
        assertThat(control.isComplete("acme", "web", latest)).isTrue();
        assertThat(control.versions("acme", "web", false)).anySatisfy(v -> assertThat(v.id()).isEqualTo(platform.id()));
    }
}
