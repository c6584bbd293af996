package dev.ghcrdashboard.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.LoadState;
import dev.ghcrdashboard.support.Browser;
import dev.ghcrdashboard.support.PageCheck;
import dev.ghcrdashboard.support.PageCheck.Viewport;
import dev.ghcrdashboard.support.FastJobs;
import dev.ghcrdashboard.support.SimulatorBackedTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A hostile publisher's text on every page (scenarios/hostile.yml: markup, script, {@code javascript:} URLs,
 * template-expression strings, CSV formulas, a 200-character name, a 128-character tag, right-to-left and
 * zero-width characters), rendered in Chromium with the page's real Content-Security-Policy: no script runs (no
 * dialog opens), no element is injected (every script is one of the dashboard's own files, no element carries an
 * event-handler attribute, no link goes to {@code javascript:}), the text is shown as text, and no page is wider
 * than a 1280-pixel window.
 */
@SimulatorBackedTest(scenario = "classpath:scenarios/hostile.yml")
@FastJobs
class HostileInputBrowserTest {

    @org.junit.jupiter.api.extension.RegisterExtension
    static final Browser browser = new Browser();

    private static final String LONG_NAME = ("a-very-long-package-name-".repeat(9)).substring(0, 199) + "z";
    private static final String LONG_TAG = ("release-candidate-build-".repeat(6)).substring(0, 127) + "9";

    /** Elements a payload would have injected, and links a payload would have made live. */
    private static final String INJECTED = """
            () => {
              const own = s => s.src && new URL(s.src).origin === location.origin
                  && (s.src.includes('/js/app.js') || s.src.includes('/webjars/htmx.org/'));
              const found = [];
              document.querySelectorAll('script').forEach(s => { if (!own(s)) found.push('script ' + (s.src || s.textContent.slice(0, 40))); });
              document.querySelectorAll('*').forEach(e => [...e.attributes].forEach(a => {
                if (a.name.startsWith('on')) found.push(e.tagName + '[' + a.name + ']');
              }));
              document.querySelectorAll('[href],[src],[action],[formaction]').forEach(e => {
                const url = e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action') || e.getAttribute('formaction');
                if (/^\\s*(javascript|data|vbscript):/i.test(url)) found.push(e.tagName + ' ' + url);
              });
              document.querySelectorAll('img[src=x], svg[onload], iframe, object, embed').forEach(e => found.push(e.outerHTML.slice(0, 60)));
              return found;
            }""";

    @Test
    void hostileTextOnEveryPageIsShownAsTextNeverRunsAndNeverWidensThePage() {
        Page page = browser.newPage(Viewport.DESKTOP);
        List<String> dialogs = new ArrayList<>();
        page.onDialog(dialog -> {
            dialogs.add(dialog.message());
            dialog.dismiss();
        });
        browser.signIn(page, "octocat");

        // Make the hostile text travel: a delete job (job page, trash, audit log) and a visibility rule.
        page.navigate("/owners/acme/cleanup?name=hostile-tags");
        page.locator("#pick-table tr", new Page.LocatorOptions().setHasText("alert(\"deleted\")")).locator("input[type=checkbox]").check();
        page.locator("#preview-button").click();
        page.waitForURL(url -> url.contains("select="));
        String job = Journeys.deleteToTheEnd(page, "octocat", page.url(), "hostile-tags");
        page.navigate("/owners/acme/visibility");
        page.locator("#rule-form select[name=kind]").selectOption(new com.microsoft.playwright.options.SelectOption().setIndex(0));
        page.locator("#rule-form input[name=pattern]").fill("<img src=x onerror=alert(\"rule\")>*");
        page.locator("#rule-form button[type=submit]").click();

        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("packages", "/owners/acme/packages");
        pages.put("package", "/owners/acme/packages/hostile-tags");
        pages.put("long-name package", "/owners/acme/packages/" + LONG_NAME);
        pages.put("cleanup preview", "/owners/acme/cleanup?name=hostile-tags&groups%5B0%5D.tagMode=matching&groups%5B0%5D.tagSyntax=glob&groups%5B0%5D.tagPattern=*%3C*");
        pages.put("delete package", "/owners/acme/delete-package?name=" + LONG_NAME);
        pages.put("job", job);
        pages.put("trash", "/owners/acme/trash");
        pages.put("package trash", "/owners/acme/trash?name=hostile-tags");
        pages.put("visibility", "/owners/acme/visibility");
        pages.put("audit", "/audit");
        pages.put("audit filtered", "/audit?package=%3Cscript%3Ealert(1)%3C/script%3E&actor=%24%7B7*7%7D");
        pages.put("bad package name", "/owners/acme/packages/x%22%3E%3Csvg%20onload=alert(1)%3E");
        pages.put("bad tag search", "/owners/acme/packages/hostile-tags?tag=%3Cimg%20src=x%20onerror=alert(1)%3E");

        Map<String, List<String>> injected = new LinkedHashMap<>();
        Map<String, Integer> widths = new LinkedHashMap<>();
        pages.forEach((name, path) -> {
            page.navigate(path);
            page.waitForLoadState(LoadState.NETWORKIDLE);
            if (path.startsWith("/owners/acme/packages/") && !name.startsWith("bad")) {
                EveryPageBrowserTest.openPackage(page, path);
            }
            Browser.screenshot(page, "hostile-" + name.replace(' ', '-'));
            @SuppressWarnings("unchecked")
            List<String> found = (List<String>) page.evaluate(INJECTED);
            injected.put(name, found);
            widths.put(name, PageCheck.documentWidth(page));
        });
        // The version page of the tag with markup in it, reached the way a person would.
        page.navigate("/owners/acme/packages/hostile-tags");
        EveryPageBrowserTest.openPackage(page, "/owners/acme/packages/hostile-tags");
        page.locator("#versions tr", new Page.LocatorOptions().setHasText("<img src=x")).first().locator("a.digest").click();
        page.waitForURL(url -> url.contains("/versions/"));
        Browser.screenshot(page, "hostile-version");
        @SuppressWarnings("unchecked")
        List<String> onVersion = (List<String>) page.evaluate(INJECTED);
        injected.put("version", onVersion);
        widths.put("version", PageCheck.documentWidth(page));

        widths.forEach((name, width) -> System.out.printf("hostile %-20s %5d px wide%n", name, width));
        assertThat(dialogs).as("no script from hostile text ran").isEmpty();
        assertThat(injected).as("elements or live links a payload injected").allSatisfy((name, found) ->
                assertThat(found).as(name).isEmpty());
        assertThat(widths).as("pages wider than a 1280-pixel window").allSatisfy((name, width) ->
                assertThat(width).as(name).isLessThanOrEqualTo(1280));
    }

    @Test
    void hostileTagsAreShownAsTextFlaggedAndWithTheirHiddenCharactersWrittenOut() {
        Page page = browser.signedIn("octocat");
        EveryPageBrowserTest.openPackage(page, "/owners/acme/packages/hostile-tags");
        Locator tags = page.locator("#versions .badge.tag");

        // Markup and template expressions arrive as the characters they are, never evaluated.
        assertThat(tags.filter(new Locator.FilterOptions().setHasText("<img src=x onerror=alert(\"tag\")>"))).hasCount(1);
        assertThat(tags.filter(new Locator.FilterOptions().setHasText(java.util.regex.Pattern.compile("(^|: )\\$\\{7\\*7}$")))).hasCount(1);
        assertThat(tags.filter(new Locator.FilterOptions().setHasText("[[${7*7}]]"))).hasCount(1);
        // Right-to-left overrides and zero-width characters are written out, so "lat\u200Best" never passes for "latest".
        assertThat(tags.filter(new Locator.FilterOptions().setHasText("rtl⟨U+202E⟩gnp.exe"))).hasCount(1);
        assertThat(tags.filter(new Locator.FilterOptions().setHasText("lat⟨U+200B⟩est"))).hasCount(1);
        assertThat(page.locator("#versions")).not().containsText("\u202E");
        // Tags docker could not pull are flagged, and no pull command is offered for them.
        Locator flagged = page.locator("#versions .badge.tag.invalid-tag");
        assertThat(flagged.filter(new Locator.FilterOptions().setHasText("a,b"))).hasCount(1);
        assertThat(flagged.filter(new Locator.FilterOptions().setHasText("a,b"))).hasAttribute("title",
                java.util.regex.Pattern.compile("^Not a valid OCI tag"));
        assertThat(page.locator("#versions .badge.tag:not(.invalid-tag)", new Page.LocatorOptions().setHasText("latest"))).hasCount(1);
        assertThat(page.locator("#versions button.pull-button[data-copy*='<'], #versions button.pull-button[data-copy*=',']")).hasCount(0);
        // A 128-character tag is cut to its badge; focusing it shows all of it, and its copy carries the whole command.
        Locator longTag = tags.filter(new Locator.FilterOptions().setHasText(LONG_TAG));
        double cut = longTag.boundingBox().width;
        longTag.focus();
        assertThat(longTag.boundingBox().width).isGreaterThan(cut);
        assertThat(page.locator("#versions button.pull-button[data-copy$=':" + LONG_TAG + "']")).hasCount(1);
        Browser.screenshot(page, "hostile-tags-flagged");
    }
}
