package dev.ghcrdashboard.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.ghcrdashboard.simulator.SimulatedVersion;
import dev.ghcrdashboard.simulator.Simulator;
import dev.ghcrdashboard.support.Browser;
import dev.ghcrdashboard.support.FastJobs;
import dev.ghcrdashboard.support.SimulatorBackedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Tags in a real browser, the way a person changes them: promote staging to prod from the version page (granting
 * write:packages on the way), remove one of three tags (granting delete:packages), and clean up with "tags matching
 * v*, keep the 2 newest" — preview, confirm, outcome, audit log. Screenshots land in target/screenshots/.
 */
@SimulatorBackedTest(scenario = "classpath:scenarios/tags.yml")
@FastJobs
class TagsBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @Autowired
    Simulator github;

    @Test
    void promoteStagingToProdRemoveOneOfThreeTagsAndCleanUpByTagKeepingTheTwoNewest() {
        var control = github.control();
        Page page = browser.signedIn("octocat");

        // Promote staging to prod: on the staging image's page, put prod on it.
        String staging = control.resolveTag("acme", "promote", "staging").orElseThrow();
        String oldProd = control.resolveTag("acme", "promote", "prod").orElseThrow();
        page.navigate("/owners/acme/versions/" + versionId("promote", staging) + "?package=promote");
        assertThat(page.locator("#tag-list")).containsText("staging");
        page.locator("#put-tag").fill("prod");
        page.locator("#put-tag-button").click();
        assertThat(page.locator("#tag-headline")).containsText("Move tag prod from image");
        assertThat(page.locator("#tag-effect-image")).containsText("prod");
        assertThat(page.locator("#tag-effect-previous td").nth(2)).hasText("v1");
        Browser.screenshot(page, "tags-1-promote-preview");
        page.locator("#tag-confirm-button").click();
        assertThat(page.locator("h1")).hasText("Allow changing tags");
        browser.grantPermission(page, "octocat", "write:packages", "/owners/acme/tags");
        assertThat(page.locator("#tag-confirm-button")).hasText("Move a tag prod");
        page.locator("#tag-confirm-button").click();
        Journeys.followTheJobToItsEnd(page);
        assertThat(page.locator("#job-items")).containsText("tag moved");
        Browser.screenshot(page, "tags-2-promoted");
        assertThat(control.resolveTag("acme", "promote", "prod")).contains(staging);
        assertThat(control.resolveTag("acme", "promote", "v1")).contains(oldProd);

        // Remove one of three tags: the image keeps the other two.
        String image = control.resolveTag("acme", "three", "latest").orElseThrow();
        page.navigate("/owners/acme/versions/" + versionId("three", image) + "?package=three");
        page.locator("#tag-list li", new Page.LocatorOptions().setHasText("latest")).locator("button").click();
        assertThat(page.locator("#tag-headline")).containsText("Remove tag latest");
        assertThat(page.locator("#tag-effect-image td").nth(2).locator(".badge.tag")).hasText(new String[] {"v2", "edge"});
        assertThat(page.locator("#tag-notes")).containsText("placeholder");
        Browser.screenshot(page, "tags-3-remove-preview");
        page.locator("#tag-confirm-button").click();
        assertThat(page.locator("h1")).hasText("Allow deleting packages");
        browser.grantPermission(page, "octocat", "delete:packages", "/owners/acme/tags");
        page.locator("#tag-confirm-button").click();
        Journeys.followTheJobToItsEnd(page);
        assertThat(page.locator("#job-items")).containsText("tag removed");
        assertThat(page.locator("#job-report")).containsText("Integrity: all");
        Browser.screenshot(page, "tags-4-removed");
        page.navigate("/owners/acme/versions/" + versionId("three", image) + "?package=three");
        assertThat(page.locator("#tag-list .badge.tag")).hasText(new String[] {"v2", "edge"});
        assertThat(control.resolveTag("acme", "three", "latest")).isEmpty();

        // Tags matching v*, keep the 2 newest: the image with another tag is untagged, the oldest deleted.
        page.navigate("/owners/acme/cleanup?name=rules");
        page.locator("#g0-tagPattern").fill("v*");
        page.locator("#g0-keepNewest").fill("2");
        page.locator("#preview-button").click();
        assertThat(page.locator("#plan-kept")).containsText("kept: among the 2 newest images matching v*");
        Locator untag = page.locator("#plan-untag tbody tr");
        assertThat(untag).hasCount(1);
        assertThat(untag.locator("td").nth(1)).hasText("v2");
        assertThat(untag.locator("td").nth(2)).hasText("keep-me");
        assertThat(page.locator("#plan-delete")).containsText("v1");
        assertThat(page.locator("#untag-summary")).hasText("1 tag will be removed from 1 image, which stays.");
        Browser.screenshot(page, "tags-5-rules-preview");
        page.locator("#confirmName").fill("rules");
        assertThat(page.locator("#confirm-button")).hasText("Delete 1 version and remove 1 tag");
        page.locator("#confirm-button").click();
        Journeys.followTheJobToItsEnd(page);
        assertThat(page.locator("#job-items tbody tr").nth(0)).containsText("tag removed");
        assertThat(page.locator("#job-items tbody tr").nth(1)).containsText("deleted");
        Browser.screenshot(page, "tags-6-rules-done");
        assertThat(control.resolveTag("acme", "rules", "keep-me")).isPresent();
        assertThat(control.resolveTag("acme", "rules", "v2")).isEmpty();
        assertThat(control.resolveTag("acme", "rules", "v1")).isEmpty();

        // The audit log has every tag change and the deletion.
        page.navigate("/audit?owner=acme");
        Locator log = page.locator(".audit-table");
        assertThat(log).containsText("Move tag");
        assertThat(log).containsText("Remove tag");
        assertThat(log).containsText("Delete version");
        assertThat(row(page, log, "Move tag")).containsText("prod");
        assertThat(row(page, log, "Move tag")).containsText("Succeeded");
        assertThat(row(page, log, "Remove tag")).hasCount(2);
        assertThat(row(page, log, "Remove tag").first()).containsText("Succeeded");
        Browser.screenshot(page, "tags-7-audit");
    }

    @Test
    void twoRuleGroupsMakeOnePlan() {
        Page page = browser.signedIn("octocat");
        page.navigate("/owners/acme/cleanup?name=groups");
        page.locator("#g0-orphans").check();
        page.locator("#add-group").click();
        assertThat(page.locator("fieldset.rule-group")).hasCount(2);
        assertThat(page.locator("#g0-orphans")).isChecked();
        assertThat(page.locator("#rule-group-1 legend")).containsText("Rule group 2");
        page.locator("#g1-keepNewest").fill("2");
        page.locator("#preview-button").click();

        assertThat(page.locator("#plan-delete tbody tr")).hasCount(3);
        assertThat(page.locator("#plan-delete")).containsText("group 1, images that are orphans");
        assertThat(page.locator("#plan-delete")).containsText("group 2, tagged images, not among the 2 newest");
        assertThat(page.locator("#plan-kept")).containsText("kept: among the 2 newest tagged images");
        Browser.screenshot(page, "tags-8-two-groups");
    }

    /** The rows of the audit table whose action is exactly {@code action} ("Remove tag" contains "move tag"). */
    private static Locator row(Page page, Locator table, String action) {
        return table.locator("tr").filter(new Locator.FilterOptions().setHas(page.getByText(action, new Page.GetByTextOptions().setExact(true))));
    }

    private long versionId(String packageName, String digest) {
        return github.control().versions("acme", packageName, false).stream().filter(v -> v.digest().equals(digest))
                .findFirst().map(SimulatedVersion::id).orElseThrow();
    }
}
