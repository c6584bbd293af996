package dev.ghcrdashboard.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.LoadState;
import dev.ghcrdashboard.support.Browser;
import dev.ghcrdashboard.support.PageCheck;
import dev.ghcrdashboard.support.PageCheck.Viewport;
import dev.ghcrdashboard.support.FastJobs;
import dev.ghcrdashboard.support.SimulatorBackedTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every page of the dashboard, at 1280 × 800 and at 390 × 844, as a person would first see it: no page is wider
 * than the window, axe-core finds no serious or critical WCAG 2.1 A/AA violation, and a package's version list is
 * dense enough to show at least 15 rows without scrolling. Screenshots of every page at both sizes land in
 * target/screenshots/pages-*.png; the measurements are printed as a table.
 */
@SimulatorBackedTest
@FastJobs
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EveryPageBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    /** One page to look at: how to get there (from a signed-in page, or a fresh one when {@code signedIn} is false). */
    record Visit(String name, boolean signedIn, Consumer<Page> open) {
    }

    /** What was measured on one page at one size. */
    record Measurement(String page, Viewport viewport, int documentWidth, List<PageCheck.Violation> violations) {
    }

    private final List<Visit> visits = new ArrayList<>();

    /** Makes what the pages show: a finished delete job, a trash entry, a watched visibility change and a guided queue. */
    @BeforeAll
    void aTeamHasBeenAtWork() {
        Page page = browser.newPage();
        browser.signIn(page, "octocat");
        String job = Journeys.deleteToTheEnd(page, "octocat", "/owners/acme/cleanup?name=api&groups%5B0%5D.orphans=true", null);

        page.navigate("/owners/acme/packages/popular");
        page.locator("#change-visibility").click();
        page.waitForURL(url -> url.contains("/visibility/changes/"));
        String change = path(page);

        page.navigate("/owners/acme/visibility");
        page.locator("input[name=names][value=web]").check();
        page.locator("input[name=names][value=single]").check();
        page.getByText("Start guided queue").click();
        page.waitForURL(url -> url.contains("/visibility/queue/"));
        String queue = path(page);
        page.context().close();

        visits.add(new Visit("home", false, p -> p.navigate("/")));
        visits.add(new Visit("sign-in", false, p -> p.navigate("/login?error=declined")));
        visits.add(new Visit("own-packages", true, p -> p.navigate("/owners/octocat/packages")));
        visits.add(new Visit("org-packages", true, p -> p.navigate("/owners/acme/packages")));
        visits.add(new Visit("storage", true, p -> {
            p.navigate("/owners/acme/storage");
            Journeys.reloadUntil(p, () -> p.locator("#storage[hx-get]").count() == 0, 60_000);
        }));
        visits.add(new Visit("package-multi-arch", true, p -> openPackage(p, "/owners/acme/packages/web")));
        visits.add(new Visit("package-many-versions", true, p -> openPackage(p, "/owners/acme/packages/base")));
        visits.add(new Visit("package-nested-name", true, p -> openPackage(p, "/owners/acme/packages/tools/cli")));
        visits.add(new Visit("version", true, p -> {
            openPackage(p, "/owners/acme/packages/web");
            p.locator("#versions tbody tr").first().locator("a.digest").click();
            p.waitForURL(url -> url.contains("/versions/"));
        }));
        visits.add(new Visit("tag-change", true, p -> {
            openPackage(p, "/owners/acme/packages/web");
            String version = p.locator("#versions tbody tr").first().getAttribute("data-version-id");
            p.navigate("/owners/acme/tags?name=web&action=put&tag=prod&version=" + version);
        }));
        visits.add(new Visit("cleanup-form", true, p -> p.navigate("/owners/acme/cleanup?name=web")));
        visits.add(new Visit("cleanup-preview", true, p -> p.navigate("/owners/acme/cleanup?name=web&groups%5B0%5D.orphans=true&groups%5B0%5D.keepNewest=1")));
        visits.add(new Visit("delete-package", true, p -> p.navigate("/owners/acme/delete-package?name=web")));
        visits.add(new Visit("job", true, p -> p.navigate(job)));
        visits.add(new Visit("trash-owner", true, p -> p.navigate("/owners/acme/trash")));
        visits.add(new Visit("trash-package", true, p -> p.navigate("/owners/acme/trash?name=api")));
        visits.add(new Visit("integrity", true, p -> {
            p.navigate("/owners/acme/trash?name=api");
            p.locator("#integrity-button").click();
            p.waitForLoadState(LoadState.NETWORKIDLE);
        }));
        visits.add(new Visit("visibility", true, p -> p.navigate("/owners/acme/visibility")));
        visits.add(new Visit("visibility-change", true, p -> p.navigate(change)));
        visits.add(new Visit("visibility-queue", true, p -> p.navigate(queue)));
        visits.add(new Visit("audit", true, p -> p.navigate("/audit")));
        visits.add(new Visit("notifications", true, p -> p.navigate("/owners/acme/notifications")));
        visits.add(new Visit("permission", true, p -> p.navigate("/permissions/restore?return=/owners/acme/trash")));
        visits.add(new Visit("permission-declined", true, p -> p.navigate("/permissions/declined?return=/owners/acme/trash")));
        visits.add(new Visit("not-found", true, p -> p.navigate("/owners/acme/packages/no-such-package")));
        visits.add(new Visit("bad-address", true, p -> p.navigate("/owners/acme/packages/tools%00cli")));
    }

    @Test
    void everyPageFitsTheWindowAtBothSizesAndHasNoSeriousAccessibilityViolation() {
        List<Measurement> measurements = new ArrayList<>();
        for (Viewport viewport : Viewport.values()) {
            Page signedIn = browser.newPage(viewport);
            browser.signIn(signedIn, "octocat");
            for (Visit visit : visits) {
                Page page = visit.signedIn() ? signedIn : browser.newPage(viewport);
                visit.open().accept(page);
                page.waitForLoadState(LoadState.NETWORKIDLE);
                Browser.screenshot(page, "pages-" + visit.name() + "-" + viewport.name().toLowerCase(Locale.ROOT));
                measurements.add(new Measurement(visit.name(), viewport, PageCheck.documentWidth(page),
                        PageCheck.seriousAccessibilityViolations(page)));
                if (!visit.signedIn()) {
                    page.context().close();
                }
            }
            signedIn.context().close();
        }
        System.out.println("page                     viewport  document width  serious/critical axe violations");
        measurements.forEach(m -> System.out.printf(Locale.ROOT, "%-24s %-9s %5d px / %4d  %d %s%n", m.page(), m.viewport(),
                m.documentWidth(), m.viewport().width, m.violations().size(), m.violations().isEmpty() ? "" : m.violations()));

        assertThat(measurements).as("pages wider than the window").allSatisfy(m ->
                assertThat(m.documentWidth()).as("%s at %s", m.page(), m.viewport()).isLessThanOrEqualTo(m.viewport().width));
        assertThat(measurements).as("axe-core").allSatisfy(m ->
                assertThat(m.violations()).as("%s at %s", m.page(), m.viewport()).isEmpty());
    }

    @Test
    void atLeastFifteenVersionRowsShowWithoutScrollingOnALaptop() {
        Page page = browser.newPage(Viewport.DESKTOP);
        browser.signIn(page, "octocat");
        openPackage(page, "/owners/acme/packages/base");
        int rows = PageCheck.rowsVisible(page, "#versions tbody tr");
        System.out.println("acme/base at 1280 x 800: " + rows + " version rows visible without scrolling");
        assertThat(rows).isGreaterThanOrEqualTo(15);
        page.context().close();
    }

    /** A package page once its versions are listed and read (htmx fills them in). */
    static void openPackage(Page page, String path) {
        page.navigate(path);
        assertThat(page.locator("#versions table, #versions .empty")).not().hasCount(0,
                new com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions().setTimeout(30_000));
        page.waitForCondition(() -> page.locator("#versions [hx-trigger^=load]").count() == 0,
                new Page.WaitForConditionOptions().setTimeout(30_000));
    }

    private static String path(Page page) {
        return java.net.URI.create(page.url()).getRawPath();
    }
}
