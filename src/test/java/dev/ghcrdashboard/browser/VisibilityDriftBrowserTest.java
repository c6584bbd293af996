package dev.ghcrdashboard.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.ghcrdashboard.support.Browser;
import dev.ghcrdashboard.support.SimulatorBackedTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The drift report of a mixed org (scenarios/drift.yml) in a real browser, with a rule added through
 * the page: the public package built from a private repository comes first, as dangerous, and the CSV
 * export lists exactly the findings the page shows.
 */
@SimulatorBackedTest(scenario = "classpath:scenarios/drift.yml")
class VisibilityDriftBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @Test
    void dangerousDriftComesFirstAndTheCsvListsTheSameFindings() {
        Page page = browser.signedIn("octocat");
        page.navigate("/owners/acme/visibility");
        assertThat(findings(page)).containsExactly(
                List.of("xtool", "dangerous", "Public package built from the private repository acme/xtool-src"),
                List.of("xcli", "notice", "Private package linked to the public repository acme/xcli"));

        page.locator("select[name=kind]").selectOption("NAME_PATTERN_MUST_BE_PUBLIC");
        page.locator("input[name=pattern]").fill("x*");
        page.getByText("Add rule").click();
        assertThat(page.locator("ul.rules")).containsText("x*");

        List<List<String>> shown = findings(page);
        assertThat(shown).containsExactly(
                List.of("xtool", "dangerous", "Public package built from the private repository acme/xtool-src"),
                List.of("xcli", "rule", "Breaks the rule: " + ruleText(page)),
                List.of("xlib", "rule", "Breaks the rule: " + ruleText(page)),
                List.of("xcli", "notice", "Private package linked to the public repository acme/xcli"));
        Locator dangerous = page.locator("#drift-table tbody tr").first();
        assertThat(dangerous).hasClass("danger-row");
        assertThat(dangerous.locator("button")).hasText("Make private");
        assertThat(page.locator("#drift-table")).not().containsText("docs");
        assertThat(page.locator("#drift-table")).not().containsText("ylegacy");
        Browser.screenshot(page, "visibility-drift-report");

        APIResponse csv = page.request().get("/owners/acme/visibility.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers().get("content-type")).startsWith("text/csv");
        String[] lines = csv.text().split("\r\n");
        assertThat(lines[0]).isEqualTo("package,severity,reported,should_be,reason");
        List<List<String>> exported = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            List<String> cells = cells(lines[i]);
            exported.add(List.of(cells.get(0), severityLabel(cells.get(1)), cells.get(4)));
        }
        assertThat(exported).isEqualTo(shown);
        assertThat(lines[1]).isEqualTo("\"xtool\",\"DANGER\",\"public\",\"private\","
                + "\"Public package built from the private repository acme/xtool-src\"");
    }

    /** Each finding row as package, severity badge, reason. */
    private static List<List<String>> findings(Page page) {
        List<List<String>> rows = new ArrayList<>();
        Locator table = page.locator("#drift-table tbody tr");
        for (int i = 0; i < table.count(); i++) {
            Locator row = table.nth(i);
            Locator problem = row.locator("td").nth(1);
            String badge = problem.locator(".badge").innerText().strip();
            String reason = problem.locator("span").nth(1).innerText().strip();
            rows.add(List.of(row.locator("td code").innerText().strip(), badge, reason));
        }
        return rows;
    }

    private static String ruleText(Page page) {
        return page.locator("ul.rules li span").first().innerText().strip();
    }

    private static String severityLabel(String severity) {
        return switch (severity) {
            case "DANGER" -> "dangerous";
            case "RULE" -> "rule";
            default -> "notice";
        };
    }

    /** Splits one line of the dashboard's CSV (every cell quoted, quotes doubled). */
    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
