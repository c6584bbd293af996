package dev.ghcrdashboard.policies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.audit.AuditAction;
import dev.ghcrdashboard.audit.AuditLog;
import dev.ghcrdashboard.audit.AuditQuery;
import dev.ghcrdashboard.simulator.RecordedExchange;
import dev.ghcrdashboard.simulator.SimulatedVersion;
import dev.ghcrdashboard.simulator.Simulator;
import dev.ghcrdashboard.support.Dashboard;
import dev.ghcrdashboard.support.DashboardHttp;
import dev.ghcrdashboard.support.SimulatorBackedTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Retention policies through the pages an admin and a viewer use, against the demo world: what the list shows when
 * there is nothing, what bad input gets, a dry run that deletes nothing (the simulator's request log says so), the
 * switch to act behind its confirmation, an act run that deletes exactly what the preview showed, and a plan above
 * the share threshold that waits for an admin.
 */
@SimulatorBackedTest
class PolicyPagesTest {

    static final Pattern POLICY = Pattern.compile("/owners/acme/policies/(\\d+)$");
    static final Pattern JOB = Pattern.compile("href=\"(/owners/[^/]+/jobs/[0-9a-f-]{36})\"");
    static final Pattern VERSION_ID = Pattern.compile("data-version-id=\"(\\d+)\"");

    @Autowired
    Simulator github;
    @Autowired
    Dashboard dashboard;
    @Autowired
    AuditLog auditLog;
    @Autowired
    JdbcClient jdbc;

    @Test
    void withoutPoliciesTheListSaysSoAndOnlyAnAdminIsOfferedToCreateOne() {
        DashboardHttp viewer = dashboard.signedIn("hubot");
        DashboardHttp.Page viewerPage = viewer.get("/owners/acme/policies");
        assertThat(viewerPage.status()).isEqualTo(200);
        assertThat(viewerPage.body()).doesNotContain("id=\"create-first-policy\"").contains("Only acme&#39;s admins can write retention policies");
        assertThat(viewer.get("/owners/acme/policies/new").status()).isEqualTo(403);

        DashboardHttp.Page own = viewer.get("/owners/hubot/policies"); // nobody writes policies for hubot's own packages
        assertThat(own.body()).contains("No policies yet.").contains("id=\"create-first-policy\"");
        assertThat(viewer.get("/owners/acme/packages").body()).contains("id=\"policies-link\"");
    }

    @Test
    void badInputIsAnsweredBesideItsFieldAndNothingIsSaved() {
        DashboardHttp admin = dashboard.signedIn("octocat");

        DashboardHttp.Page badCron = create(admin, "acme", Map.of("name", "bad cron", "scope", "package", "packageName", "api",
                "schedule", "cron", "cron", "61 * * * *", "groups[0].orphans", "true"));
        assertThat(badCron.status()).isEqualTo(200);
        assertThat(badCron.body()).contains("id=\"cron-error\"").contains("not a valid cron expression");

        DashboardHttp.Page fourFields = create(admin, "acme", Map.of("name", "short cron", "scope", "package", "packageName", "api",
                "schedule", "cron", "cron", "0 3 * *", "groups[0].orphans", "true"));
        assertThat(fourFields.body()).contains("id=\"cron-error\"").contains("five fields");

        DashboardHttp.Page badPattern = create(admin, "acme", Map.of("name", "bad pattern", "scope", "pattern", "pattern", "tools/[ab]",
                "schedule", "daily", "groups[0].orphans", "true"));
        assertThat(badPattern.body()).contains("id=\"pattern-error\"");

        DashboardHttp.Page badTagPattern = create(admin, "acme", Map.of("name", "bad regex", "scope", "package", "packageName", "api",
                "schedule", "daily", "groups[0].tagPattern", "v(1", "groups[0].tagSyntax", "regex"));
        assertThat(badTagPattern.body()).contains("id=\"groups[0].tagPattern-error\"");

        DashboardHttp.Page noRules = create(admin, "acme", Map.of("name", "nothing", "scope", "package", "packageName", "api",
                "schedule", "daily"));
        assertThat(noRules.body()).contains("id=\"groups-error\"").contains("at least one rule");

        DashboardHttp.Page everyTagged = create(admin, "acme", Map.of("name", "everything", "scope", "package", "packageName", "api",
                "schedule", "weekly", "groups[0].tagPattern", "*"));
        assertThat(everyTagged.body()).contains("id=\"groups-error\"").contains("would remove every tagged image of api");

        DashboardHttp.Page escaped = create(admin, "acme", Map.of("name", "<script>", "scope", "package", "packageName", "api",
                "schedule", "daily", "groups[0].orphans", "true"));
        assertThat(escaped.body()).contains("id=\"name-error\"").doesNotContain("value=\"<script>\"");

        assertThat(jdbc.sql("SELECT COUNT(*) FROM retention_policy WHERE name IN ('bad cron', 'short cron', 'bad pattern',"
                + " 'bad regex', 'nothing', 'everything')").query(Integer.class).single()).isZero();
    }

    @Test
    void aDryRunDeletesNothingThenAfterTheConfirmedSwitchAnActRunDeletesExactlyThePreview() {
        DashboardHttp admin = dashboard.signedIn("octocat", "delete");
        DashboardHttp.Page created = create(admin, "acme", Map.of("name", "old releases", "scope", "package", "packageName", "api",
                "schedule", "daily", "groups[0].tagPattern", "v0.*"));
        assertThat(created.uri().getPath()).matches(POLICY.pattern());
        String policyPath = created.uri().getPath();
        assertThat(created.body()).contains("id=\"policy-mode\"").contains(">Dry run<");

        DashboardHttp.Page preview = admin.get(policyPath + "/preview");
        assertThat(preview.body()).contains("id=\"preview-totals\"").contains("1 version</strong> deleted");
        List<Long> previewed = versionIds(section(preview.body(), "id=\"p0-delete\""));
        long v09 = version("acme", "api", v -> v.tags().contains("v0.9")).id();
        assertThat(previewed).containsExactly(v09);

        List<RecordedExchange> deletes = new CopyOnWriteArrayList<>();
        Consumer<RecordedExchange> listener = exchange -> {
            if (exchange.method().equals("DELETE")) {
                deletes.add(exchange);
            }
        };
        github.control().addExchangeListener(listener);
        try {
            DashboardHttp.Page dryRun = awaitRunEnd(admin, runNow(admin, policyPath));
            assertThat(dryRun.body()).contains("data-run-status=\"FINISHED\"").contains("data-package-status=\"REPORTED\"");
            assertThat(versionIds(section(dryRun.body(), "id=\"run-report\""))).containsExactly(v09);
            assertThat(deletes).as("a dry run sends no DELETE").isEmpty();
            assertThat(github.control().versions("acme", "api", true)).isEmpty();

            DashboardHttp.Page confirmPage = admin.get(policyPath + "/act");
            assertThat(confirmPage.body()).contains("id=\"confirm-act\"").contains("id=\"policy-preview\"");
            DashboardHttp.Page unconfirmed = post(admin, policyPath + "/act", confirmPage, Map.of());
            assertThat(unconfirmed.status()).isEqualTo(400);
            assertThat(admin.get(policyPath).body()).contains(">Dry run<");

            DashboardHttp.Page switched = post(admin, policyPath + "/act", confirmPage, Map.of("confirmed", "true"));
            assertThat(switched.body()).contains(">Act<").contains("The policy now acts");

            DashboardHttp.Page actRun = awaitRunEnd(admin, runNow(admin, policyPath));
            // The run ended with its job: it reports what GitHub carried out, not only what was planned.
            assertThat(actRun.body()).contains("data-run-status=\"FINISHED\"").contains("data-package-status=\"CLEANED\"")
                    .contains("GitHub carried out 1 of 1 item.");
            awaitJobOf(admin, actRun);
        } finally {
            github.control().removeExchangeListener(listener);
        }
        assertThat(github.control().versions("acme", "api", true)).extracting(SimulatedVersion::id).containsExactly(v09);
        assertThat(deletes).hasSize(1);
        assertThat(auditLog.search(AuditQuery.all()).entries())
                .anySatisfy(entry -> {
                    assertThat(entry.action()).isEqualTo(AuditAction.DELETE_VERSION);
                    assertThat(entry.versionId()).isEqualTo(v09);
                    assertThat(entry.detail()).contains("policy old releases");
                });
        DashboardHttp.Page history = admin.get(policyPath);
        assertThat(history.body()).contains("id=\"run-history\"").contains("class=\"policy-chart\"").contains("<polyline");
    }

    @Test
    void anActRunPlansAgainWhenThePackageChangedSinceThePreview() {
        DashboardHttp admin = dashboard.signedIn("octocat", "delete");
        String policyPath = actingPolicy(admin, "octocat", Map.of("name", "v1 line", "scope", "package", "packageName", "dotfiles",
                "schedule", "daily", "shareThreshold", "80", "groups[0].tagPattern", "v1*"));
        long v1 = version("octocat", "dotfiles", v -> v.tags().contains("v1")).id();
        assertThat(versionIds(section(admin.get(policyPath + "/preview").body(), "id=\"p0-delete\""))).containsExactly(v1);

        String pushed = github.control().pushTag("octocat", "dotfiles", "v1.1"); // someone pushes while the preview is open
        long v11 = version("octocat", "dotfiles", v -> v.digest().equals(pushed)).id();

        awaitJobOf(admin, awaitRunEnd(admin, runNow(admin, policyPath)));
        assertThat(github.control().versions("octocat", "dotfiles", true)).extracting(SimulatedVersion::id)
                .containsExactlyInAnyOrder(v1, v11);
    }

    @Test
    void anActPlanAboveTheShareWaitsForAnAdminWhoApprovesIt() {
        DashboardHttp admin = dashboard.signedIn("octocat", "delete");
        String policyPath = actingPolicy(admin, "acme", Map.of("name", "leaky orphans", "scope", "pattern", "pattern", "leak?",
                "schedule", "monthly", "shareThreshold", "10", "groups[0].orphans", "true"));

        DashboardHttp.Page waiting = awaitRunEnd(admin, runNow(admin, policyPath));
        assertThat(waiting.body()).contains("data-run-status=\"WAITING_FOR_APPROVAL\"").contains("data-package-status=\"WAITING_FOR_APPROVAL\"")
                .contains("more than the policy&#39;s 10%");
        assertThat(github.control().versions("acme", "leaky", true)).as("nothing deleted while it waits").isEmpty();

        DashboardHttp viewer = dashboard.signedIn("hubot");
        DashboardHttp.Page viewerSees = viewer.get(waiting.uri().getPath());
        assertThat(viewerSees.body()).doesNotContain("approve-button");
        assertThat(post(viewer, waiting.uri().getPath() + "/approve", viewerSees, Map.of("package", "leaky")).status()).isEqualTo(403);

        DashboardHttp.Page approved = post(admin, waiting.uri().getPath() + "/approve", waiting, Map.of("package", "leaky"));
        assertThat(approved.body()).contains("Approved: the cleanup of leaky started.");
        assertThat(awaitRunEnd(admin, waiting.uri().getPath()).body()).contains("data-run-status=\"FINISHED\"")
                .contains("data-package-status=\"CLEANED\"");

        DashboardHttp.Page policyPage = admin.get(policyPath);
        assertThat(post(viewer, policyPath + "/delete", viewerSees, Map.of("confirmed", "true")).status()).isEqualTo(403);
        assertThat(post(admin, policyPath + "/delete", policyPage, Map.of()).status()).as("not confirmed").isEqualTo(400);
        DashboardHttp.Page deleted = post(admin, policyPath + "/delete", policyPage, Map.of("confirmed", "true"));
        assertThat(deleted.body()).contains("Deleted the policy leaky orphans and its run history.");
        assertThat(admin.get(policyPath).status()).isEqualTo(404);
        assertThat(admin.get(waiting.uri().getPath()).status()).isEqualTo(404);

        // Who made it act, who let the large cleanup through and who removed it are on record, with the policy's name.
        assertThat(auditLog.search(AuditQuery.all()).entries()).filteredOn(entry -> "policy leaky orphans".equals(entry.detail()))
                .extracting(entry -> entry.action() + " " + entry.actor() + " " + entry.packageName())
                .contains("POLICY_SAVED octocat ", "POLICY_SWITCHED_TO_ACT octocat ", "POLICY_RUN_APPROVED octocat leaky",
                        "POLICY_DELETED octocat ");
    }

    @Test
    void policiesAreImportedAfterAPreviewWithMistakesShownByLineAndExportedAgainUnchanged() {
        DashboardHttp admin = dashboard.signedIn("octocat");
        DashboardHttp.Page importPage = admin.get("/owners/acme/policies/import");
        assertThat(importPage.status()).isEqualTo(200);

        String badCron = """
                policies:
                  - name: imported nightly
                    package: web
                    schedule: "0 25 * * *"
                    rules:
                      - orphans: true
                """;
        DashboardHttp.Page refused = post(admin, "/owners/acme/policies/import", importPage,
                Map.of("yaml", badCron + "        colour: blue\n"));
        assertThat(refused.body()).contains("id=\"import-problems\"").contains("Line 7: Unknown key colour").doesNotContain("id=\"confirm-import\"");

        DashboardHttp.Page badCronOnly = post(admin, "/owners/acme/policies/import", importPage, Map.of("yaml", badCron));
        assertThat(badCronOnly.body()).contains("Line 4: imported nightly: That is not a valid cron expression");

        String yaml = """
                policies:
                  - name: imported nightly
                    package: web
                    schedule: "0 4 * * *"
                    share-threshold: 30
                    rules:
                      - orphans: true
                """;
        DashboardHttp.Page checked = post(admin, "/owners/acme/policies/import", importPage, Map.of("yaml", yaml));
        assertThat(checked.body()).contains("Creates imported nightly (dry run)").contains("id=\"confirm-import\"");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM retention_policy WHERE name = 'imported nightly'").query(Integer.class).single())
                .as("checking saves nothing").isZero();

        DashboardHttp.Page imported = post(admin, "/owners/acme/policies/import", checked, Map.of("yaml", yaml, "confirmed", "true"));
        assertThat(imported.uri().getPath()).isEqualTo("/owners/acme/policies");
        assertThat(imported.body()).contains("Imported 1 policy.").contains("imported nightly");

        DashboardHttp.Page exported = admin.get("/owners/acme/policies/export");
        assertThat(exported.header("Content-Disposition")).contains("acme-retention-policies.yaml");
        assertThat(exported.body()).contains("name: imported nightly").contains("schedule: 0 4 * * *").contains("share-threshold: 30");
        DashboardHttp.Page again = post(admin, "/owners/acme/policies/import", importPage, Map.of("yaml", exported.body()));
        assertThat(again.body()).contains("Replaces imported nightly").doesNotContain("id=\"import-problems\"");
    }

    static DashboardHttp.Page create(DashboardHttp http, String owner, Map<String, String> fields) {
        DashboardHttp.Page form = http.get("/owners/" + owner + "/policies/new");
        assertThat(form.status()).isEqualTo(200);
        return post(http, "/owners/" + owner + "/policies", form, fields);
    }

    static DashboardHttp.Page post(DashboardHttp http, String path, DashboardHttp.Page from, Map<String, String> fields) {
        List<Map.Entry<String, String>> entries = new ArrayList<>(fields.entrySet());
        entries.add(Map.entry("_csrf", DashboardHttp.csrfToken(from)));
        return http.post(path, entries, Map.of());
    }

    /** Creates a policy and switches it to act, confirmed as the act page asks; answers the policy's path. */
    static String actingPolicy(DashboardHttp admin, String owner, Map<String, String> fields) {
        String policyPath = create(admin, owner, fields).uri().getPath();
        post(admin, policyPath + "/act", admin.get(policyPath + "/act"), Map.of("confirmed", "true"));
        return policyPath;
    }

    static String runNow(DashboardHttp http, String policyPath) {
        DashboardHttp.Page policy = http.get(policyPath);
        DashboardHttp.Page run = post(http, policyPath + "/run", policy, Map.of());
        assertThat(run.uri().getPath()).contains("/runs/");
        return run.uri().getPath();
    }

    static DashboardHttp.Page awaitRunEnd(DashboardHttp http, String runPath) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            DashboardHttp.Page page = http.get(runPath);
            if (!page.body().contains("data-run-status=\"RUNNING\"") && !page.body().contains("data-run-status=\"CLEANING_UP\"")) {
                return page;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("run " + runPath + " did not end");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Waits for the end of the cleanup job an act run's page links to. */
    static void awaitJobOf(DashboardHttp admin, DashboardHttp.Page run) {
        Matcher job = JOB.matcher(run.body());
        assertThat(job.find()).as("a link to the run's job").isTrue();
        admin.awaitJobEnd(job.group(1), Duration.ofSeconds(60));
    }

    static List<Long> versionIds(String html) {
        List<Long> ids = new ArrayList<>();
        Matcher matcher = VERSION_ID.matcher(html);
        while (matcher.find()) {
            ids.add(Long.parseLong(matcher.group(1)));
        }
        return ids;
    }

    static String section(String html, String marker) {
        int start = html.indexOf(marker);
        assertThat(start).as(marker).isNotNegative();
        return html.substring(start, html.indexOf("</table>", start));
    }

    private SimulatedVersion version(String owner, String packageName, Predicate<SimulatedVersion> which) {
        return github.control().versions(owner, packageName, false).stream().filter(which).findFirst().orElseThrow();
    }
}
