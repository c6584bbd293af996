package dev.ghcrdashboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.simulator.Simulator;
import dev.ghcrdashboard.support.Dashboard;
import dev.ghcrdashboard.support.DashboardHttp;
import dev.ghcrdashboard.support.SimulatorBackedTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every request mapping of the application, and what each kind of caller gets from it: someone not signed in,
 * an outsider (signed in, not a member of acme), a viewer (a plain member of acme) and an admin (an owner of
 * acme). The table is the application's authorization policy; a mapping without an entry fails the test, so a
 * new endpoint cannot ship without someone deciding who may use it. An outsider browses acme's public packages
 * as GitHub lets them (docs/ghcr-platform.md §2.7) and gets nothing else of acme's.
 *
 * <p>Admin probes of destructive endpoints send a form that fails validation (a wrong confirmation), which
 * proves the role check let them through without deleting anything.
 */
@SimulatorBackedTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationTableTest {

    private static final Pattern JOB = Pattern.compile("/owners/acme/jobs/([0-9a-f-]{36})");
    private static final Pattern CHANGE = Pattern.compile("/visibility/changes/(\\d+)");
    private static final Pattern QUEUE = Pattern.compile("/visibility/queue/(\\d+)");
    private static final Pattern RULE = Pattern.compile("/visibility/rules/(\\d+)/delete");
    private static final Pattern PREVIEW = Pattern.compile("name=\"previewId\" value=\"([^\"]+)\"");
    private static final Pattern POLICY_RUN = Pattern.compile("/owners/acme/policies/(\\d+)/runs/(\\d+)");

    /** What a caller gets. */
    enum Outcome {
        /** Sent to sign in (a page), or refused outright (a form without a session has no valid CSRF token). */
        SIGN_IN,
        /** 404: the owner, or the thing, does not exist for this person. */
        NOT_FOUND,
        /** 403: visible, but not theirs to change. */
        FORBIDDEN,
        /** 400: past the role check, the input itself was refused (nothing stored). */
        BAD_INPUT,
        /** Served (2xx, or a redirect that does not end at sign-in). */
        ALLOWED,
        /** Anything else: always a finding. */
        OTHER
    }

    /** One probe: a concrete request for a mapping and the outcome for each kind of caller. */
    record Probe(String mapping, String method, String path, Map<String, String> form,
                 Outcome anonymous, Outcome outsider, Outcome viewer, Outcome admin) {
    }

    @Autowired
    Simulator github;
    @Autowired
    Dashboard dashboard;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private DashboardHttp anonymous;
    private DashboardHttp outsider;
    private DashboardHttp viewer;
    private DashboardHttp admin;
    private String jobId;
    private String changeId;
    private String queueId;
    private String ruleId;
    private long versionId;
    private long privateVersionId;
    private String policyId;
    private String policyRunId;

    @BeforeAll
    void signInAndMakeSomethingOfEachKind() {
        anonymous = dashboard.http();
        outsider = dashboard.signedIn("eve");
        viewer = dashboard.signedIn("hubot");
        admin = dashboard.signedIn("octocat", "delete", "restore");

        DashboardHttp.Page cleanup = admin.get("/owners/acme/cleanup?name=web&groups%5B0%5D.orphans=true");
        Matcher preview = PREVIEW.matcher(cleanup.body());
        assertThat(preview.find()).as("the demo's acme/web has untagged orphans to plan").isTrue();
        DashboardHttp.Page job = post(admin, "/owners/acme/cleanup/confirm", cleanup,
                Map.of("previewId", preview.group(1), "confirmName", "web"));
        jobId = find(JOB, job.uri().toString(), "a started job");

        DashboardHttp.Page visibility = admin.get("/owners/acme/visibility");
        changeId = find(CHANGE, post(admin, "/owners/acme/visibility/change", visibility,
                Map.of("name", "api", "target", "private")).uri().toString(), "a visibility change");
        queueId = find(QUEUE, post(admin, "/owners/acme/visibility/queue", visibility,
                Map.of("names", "web", "target", "public")).uri().toString(), "a guided queue");
        post(admin, "/owners/acme/visibility/rules", visibility, Map.of("kind", "NAME_PATTERN_MUST_BE_PUBLIC", "pattern", "web*"));
        ruleId = find(RULE, admin.get("/owners/acme/visibility").body(), "a visibility rule");
        versionId = github.control().versions("acme", "web", false).get(0).id();
        privateVersionId = github.control().versions("acme", "api", false).get(0).id();

        DashboardHttp.Page policyForm = admin.get("/owners/acme/policies/new");
        DashboardHttp.Page policy = post(admin, "/owners/acme/policies", policyForm, Map.of("name", "old releases", "scope", "package",
                "packageName", "api", "schedule", "daily", "groups[0].tagPattern", "v0.*"));
        DashboardHttp.Page run = post(admin, policy.uri().getPath() + "/run", policy, Map.of());
        Matcher policyRun = POLICY_RUN.matcher(run.uri().getPath());
        assertThat(policyRun.find()).as("set-up made a policy and a dry run of it").isTrue();
        policyId = policyRun.group(1);
        policyRunId = policyRun.group(2);
    }

    private List<Probe> table() {
        String job = "/owners/acme/jobs/" + jobId;
        String change = "/owners/acme/visibility/changes/" + changeId;
        String queue = "/owners/acme/visibility/queue/" + queueId;
        Outcome o = Outcome.NOT_FOUND;
        Outcome f = Outcome.FORBIDDEN;
        Outcome a = Outcome.ALLOWED;
        Outcome s = Outcome.SIGN_IN;
        List<Probe> probes = new ArrayList<>();
        // Open to everyone.
        probes.add(new Probe("GET /", "GET", "/", Map.of(), a, a, a, a));
        probes.add(new Probe("GET /login", "GET", "/login", Map.of(), s, s, s, s)); // the sign-in page itself
        probes.add(new Probe("GET /error", "GET", "/error", Map.of(), Outcome.NOT_FOUND, o, o, o));
        // Signed-in pages without an owner.
        probes.add(new Probe("GET /audit", "GET", "/audit", Map.of(), s, a, a, a));
        probes.add(new Probe("GET /audit.csv", "GET", "/audit.csv", Map.of(), s, a, a, a));
        probes.add(new Probe("GET /permissions/{action:delete|restore|tag}", "GET", "/permissions/delete?return=/", Map.of(), s, a, a, a));
        probes.add(new Probe("GET /permissions/declined", "GET", "/permissions/declined?return=/", Map.of(), s, a, a, a));
        // The header's "Open owner…" field, which leads to the owner's packages.
        probes.add(new Probe("GET /owners", "GET", "/owners?login=acme", Map.of(), s, a, a, a));
        // Browsing an owner: members see everything; an outsider sees the public packages (web), as on GitHub.
        probes.add(new Probe("GET /owners/{owner}/packages", "GET", "/owners/acme/packages", Map.of(), s, a, a, a));
        probes.add(new Probe("GET /owners/{owner}/storage", "GET", "/owners/acme/storage", Map.of(), s, a, a, a));
        probes.add(new Probe("GET /owners/{owner}/packages/{*name}", "GET", "/owners/acme/packages/web", Map.of(), s, a, a, a));
        probes.add(new Probe("GET /owners/{owner}/packages/{*name}", "GET", "/owners/acme/packages/api", Map.of(), s, o, a, a));
        probes.add(new Probe("GET /owners/{owner}/versions/{id}", "GET", "/owners/acme/versions/" + versionId + "?package=web", Map.of(), s, a, a, a));
        probes.add(new Probe("GET /owners/{owner}/versions/{id}", "GET", "/owners/acme/versions/" + privateVersionId + "?package=api",
                Map.of(), s, o, a, a));
        // Everything else about an owner: members only; an outsider learns nothing.
        probes.add(new Probe("GET /owners/{owner}/cleanup", "GET", "/owners/acme/cleanup?name=web", Map.of(), s, o, a, a));
        probes.add(new Probe("GET /owners/{owner}/delete-package", "GET", "/owners/acme/delete-package?name=web", Map.of(), s, o, a, a));
        probes.add(new Probe("GET /owners/{owner}/jobs/{id}", "GET", job, Map.of(), s, o, a, a));
        probes.add(new Probe("GET /owners/{owner}/trash", "GET", "/owners/acme/trash?name=web", Map.of(), s, o, a, a));
        probes.add(new Probe("POST /owners/{owner}/integrity", "POST", "/owners/acme/integrity", Map.of("name", "web"), s, o, a, a));
        probes.add(new Probe("GET /owners/{owner}/visibility", "GET", "/owners/acme/visibility", Map.of(), s, o, a, a));
        probes.add(new Probe("GET /owners/{owner}/visibility.csv", "GET", "/owners/acme/visibility.csv", Map.of(), s, o, a, a));
        probes.add(new Probe("POST /owners/{owner}/visibility/proof", "POST", "/owners/acme/visibility/proof", Map.of("name", "web"), s, o, a, a));
        probes.add(new Probe("GET /owners/{owner}/visibility/changes/{id}", "GET", change, Map.of(), s, o, a, a));
        probes.add(new Probe("GET /owners/{owner}/visibility/changes/{id}/status", "GET", change + "/status", Map.of(), s, o, a, a));
        probes.add(new Probe("POST /owners/{owner}/visibility/changes/{id}/check", "POST", change + "/check", Map.of(), s, o, a, a));
        // A guided queue is its starter's own to-do list.
        probes.add(new Probe("GET /owners/{owner}/visibility/queue/{id}", "GET", queue, Map.of(), s, o, o, a));
        probes.add(new Probe("GET /owners/{owner}/visibility/queue/{id}/status", "GET", queue + "/status", Map.of(), s, o, o, a));
        // Changing an owner's state: admins only, decided before anything is stored or asked of GitHub.
        probes.add(new Probe("POST /owners/{owner}/cleanup/confirm", "POST", "/owners/acme/cleanup/confirm",
                Map.of("previewId", "no-such-preview"), s, o, f, Outcome.NOT_FOUND));
        probes.add(new Probe("POST /owners/{owner}/delete-package", "POST", "/owners/acme/delete-package",
                Map.of("name", "web", "confirm", "not the name"), s, o, f, a));
        probes.add(new Probe("POST /owners/{owner}/trash/restore", "POST", "/owners/acme/trash/restore",
                Map.of("name", "web"), s, o, f, a));
        // A tag change is previewed and confirmed by admins only; a stale confirmation shows the fresh preview.
        probes.add(new Probe("GET /owners/{owner}/tags", "GET", "/owners/acme/tags?name=web&version=" + versionId + "&action=put&tag=prod",
                Map.of(), s, o, f, a));
        probes.add(new Probe("POST /owners/{owner}/tags", "POST", "/owners/acme/tags",
                Map.of("name", "web", "version", Long.toString(versionId), "action", "put", "tag", "prod", "expected", "stale"), s, o, f, a));
        probes.add(new Probe("POST /owners/{owner}/integrity/placeholders", "POST", "/owners/acme/integrity/placeholders?name=web",
                Map.of(), s, o, f, a));
        probes.add(new Probe("POST /owners/{owner}/visibility/rules", "POST", "/owners/acme/visibility/rules",
                Map.of("kind", "NAME_PATTERN_MUST_BE_PRIVATE"), s, o, f, a));
        probes.add(new Probe("POST /owners/{owner}/visibility/rules/{id}/delete", "POST",
                "/owners/acme/visibility/rules/" + ruleId + "/delete", Map.of(), s, o, f, a));
        probes.add(new Probe("POST /owners/{owner}/visibility/change", "POST", "/owners/acme/visibility/change",
                Map.of("name", "web", "target", "sideways"), s, o, f, Outcome.BAD_INPUT));
        probes.add(new Probe("POST /owners/{owner}/visibility/queue", "POST", "/owners/acme/visibility/queue",
                Map.of("target", "sideways"), s, o, f, Outcome.BAD_INPUT));
        probes.add(new Probe("POST /owners/{owner}/visibility/queue/{id}/start", "POST", queue + "/start", Map.of(), s, o, f, a));
        probes.add(new Probe("POST /owners/{owner}/visibility/queue/{id}/skip", "POST", queue + "/skip", Map.of(), s, o, f, a));
        // Notifications: members see the webhooks and their deliveries; only admins change or test them.
        probes.add(new Probe("GET /owners/{owner}/notifications", "GET", "/owners/acme/notifications", Map.of(), s, o, a, a));
        probes.add(new Probe("POST /owners/{owner}/notifications/webhooks", "POST", "/owners/acme/notifications/webhooks",
                Map.of("url", "not an address", "format", "JSON"), s, o, f, a));
        probes.add(new Probe("POST /owners/{owner}/notifications/webhooks/{id}/test", "POST",
                "/owners/acme/notifications/webhooks/999999/test", Map.of(), s, o, f, Outcome.NOT_FOUND));
        probes.add(new Probe("POST /owners/{owner}/notifications/webhooks/{id}/delete", "POST",
                "/owners/acme/notifications/webhooks/999999/delete", Map.of(), s, o, f, Outcome.NOT_FOUND));
        // Retention policies: members see policies, previews and runs; only admins write, switch, run, approve or skip.
        String policy = "/owners/acme/policies/" + policyId;
        String policyRun = policy + "/runs/" + policyRunId;
        probes.add(new Probe("GET /owners/{owner}/policies", "GET", "/owners/acme/policies", Map.of(), s, o, a, a));
        probes.add(new Probe("GET /owners/{owner}/policies/export", "GET", "/owners/acme/policies/export", Map.of(), s, o, a, a));
        probes.add(new Probe("GET /owners/{owner}/policies/import", "GET", "/owners/acme/policies/import", Map.of(), s, o, f, a));
        probes.add(new Probe("POST /owners/{owner}/policies/import", "POST", "/owners/acme/policies/import",
                Map.of("yaml", "not: policies"), s, o, f, a));
        probes.add(new Probe("GET /owners/{owner}/policies/new", "GET", "/owners/acme/policies/new", Map.of(), s, o, f, a));
        probes.add(new Probe("POST /owners/{owner}/policies", "POST", "/owners/acme/policies", Map.of("name", ""), s, o, f, a));
        probes.add(new Probe("GET /owners/{owner}/policies/{id}", "GET", policy, Map.of(), s, o, a, a));
        probes.add(new Probe("GET /owners/{owner}/policies/{id}/edit", "GET", policy + "/edit", Map.of(), s, o, f, a));
        probes.add(new Probe("POST /owners/{owner}/policies/{id}", "POST", policy, Map.of("name", ""), s, o, f, a));
        probes.add(new Probe("GET /owners/{owner}/policies/{id}/preview", "GET", policy + "/preview", Map.of(), s, o, a, a));
        probes.add(new Probe("GET /owners/{owner}/policies/{id}/act", "GET", policy + "/act", Map.of(), s, o, f, a));
        probes.add(new Probe("POST /owners/{owner}/policies/{id}/act", "POST", policy + "/act", Map.of(), s, o, f, Outcome.BAD_INPUT));
        probes.add(new Probe("POST /owners/{owner}/policies/{id}/dry-run", "POST", policy + "/dry-run", Map.of(), s, o, f, a));
        probes.add(new Probe("POST /owners/{owner}/policies/{id}/delete", "POST", policy + "/delete", Map.of(), s, o, f, Outcome.BAD_INPUT));
        probes.add(new Probe("POST /owners/{owner}/policies/{id}/run", "POST", policy + "/run", Map.of(), s, o, f, a));
        probes.add(new Probe("GET /owners/{owner}/policies/{id}/runs/{runId}", "GET", policyRun, Map.of(), s, o, a, a));
        probes.add(new Probe("POST /owners/{owner}/policies/{id}/runs/{runId}/approve", "POST", policyRun + "/approve",
                Map.of("package", "api"), s, o, f, a));
        probes.add(new Probe("POST /owners/{owner}/policies/{id}/runs/{runId}/skip", "POST", policyRun + "/skip",
                Map.of("package", "api"), s, o, f, a));
        // Another person's job or change: the viewer may look, not stop it; the starter or an admin may.
        probes.add(new Probe("POST /owners/{owner}/visibility/changes/{id}/cancel", "POST", change + "/cancel", Map.of(), s, o, f, a));
        probes.add(new Probe("POST /owners/{owner}/jobs/{id}/cancel", "POST", job + "/cancel", Map.of(), s, o, f, a));
        return probes;
    }

    @Test
    void everyRequestMappingHasAnEntry() {
        Set<String> mapped = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            Set<String> methods = info.getMethodsCondition().getMethods().isEmpty() ? Set.of("GET")
                    : info.getMethodsCondition().getMethods().stream().map(Enum::name).collect(Collectors.toSet());
            for (String pattern : info.getPatternValues()) {
                methods.forEach(verb -> mapped.add(verb + " " + pattern));
            }
        });
        Set<String> tabled = table().stream().map(Probe::mapping).collect(Collectors.toCollection(TreeSet::new));
        assertThat(tabled).as("each mapping has an entry saying who may use it (and no entry is stale)").isEqualTo(mapped);
    }

    @Test
    void everyCallerGetsWhatTheTableSays() {
        Map<String, String> wrong = new LinkedHashMap<>();
        for (Probe probe : table()) {
            check(wrong, probe, "anonymous", anonymous, probe.anonymous());
            check(wrong, probe, "outsider", outsider, probe.outsider());
            check(wrong, probe, "viewer", viewer, probe.viewer());
            check(wrong, probe, "admin", admin, probe.admin());
        }
        assertThat(wrong).as("mapping / caller -> what happened instead").isEmpty();
    }

    @Test
    void aViewerIsToldWhyBeforeAnyScopeIsAsked() {
        DashboardHttp.Page visibility = viewer.get("/owners/acme/visibility");
        DashboardHttp.Page refused = post(viewer, "/owners/acme/trash/restore", visibility,
                Map.of("name", "web", "versionIds", "1", "confirm", "yes"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("Only acme&#39;s admins can restore versions — you are a member of acme.");
        assertThat(refused.uri().getPath()).as("not sent to GitHub for write:packages first").doesNotStartWith("/permissions");
    }

    @Test
    void anOutsiderBrowsesOnlyPublicPackagesAndIsOfferedNoAction() {
        DashboardHttp.Page acme = outsider.get("/owners/acme/packages");
        assertThat(acme.status()).isEqualTo(200);
        assertThat(acme.body()).contains("You are not a member of acme: only its public packages are shown, read-only.")
                .contains("href=\"/owners/acme/packages/web\"", "href=\"/owners/acme/packages/popular\"")
                .doesNotContain("href=\"/owners/acme/packages/api\"", "href=\"/owners/acme/packages/tools/cli\"")
                .doesNotContain("href=\"/owners/acme/trash\"", "href=\"/owners/acme/visibility\"");
        DashboardHttp.Page web = outsider.get("/owners/acme/packages/web");
        assertThat(web.body()).contains("id=\"public-reader-notice\"")
                .doesNotContain("Clean up versions", "Delete package", "id=\"change-visibility\"", "Re-check", "/owners/acme/cleanup");
        DashboardHttp.Page version = outsider.get("/owners/acme/versions/" + versionId + "?package=web");
        assertThat(version.body()).contains("id=\"public-reader-notice\"").doesNotContain("id=\"tag-actions\"");

        // Another user's packages, in the words for a user.
        DashboardHttp.Page octocat = outsider.get("/owners/octocat/packages");
        assertThat(octocat.body()).contains("These are octocat&#39;s public packages, shown read-only: only octocat can change them.")
                .contains("href=\"/owners/octocat/packages/hello\"").doesNotContain("href=\"/owners/octocat/packages/dotfiles\"");

        // Members see no such notice, and keep their links.
        assertThat(viewer.get("/owners/acme/packages").body()).doesNotContain("public-reader-notice")
                .contains("href=\"/owners/acme/trash\"", "href=\"/owners/acme/packages/api\"");

        // An owner GitHub does not know, and everything but browsing, stay "not found" with words that say which.
        assertAnswer(outsider.get("/owners/nobody-here/packages"), 404, "There is no GitHub user or organization called nobody-here.");
        assertAnswer(outsider.get("/owners/acme/trash"), 404, "acme is neither you nor an organization you are a member of");
    }

    @Test
    void theOpenOwnerFieldLeadsToThePackagesOrSaysWhatIsWrong() {
        DashboardHttp.Page opened = outsider.get("/owners?login=%20%40octocat%20");
        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.uri().getPath()).isEqualTo("/owners/octocat/packages");
        assertAnswer(outsider.get("/owners?login=ac_me"), 400, "That is not a GitHub user or organization name.");
        assertAnswer(outsider.get("/owners?login="), 400, "Type the name of a GitHub user or organization to open its packages.");
    }

    private static void assertAnswer(DashboardHttp.Page page, int status, String sentence) {
        assertThat(page.status()).as(page.uri().toString()).isEqualTo(status);
        assertThat(page.body()).contains(sentence);
    }

    private void check(Map<String, String> wrong, Probe probe, String caller, DashboardHttp http, Outcome expected) {
        DashboardHttp.Page page = "GET".equals(probe.method()) ? http.get(probe.path())
                : post(http, probe.path(), http.get("/login"), probe.form());
        Outcome actual = outcome(page);
        if (actual != expected) {
            wrong.put(probe.mapping() + " / " + caller, actual + " (HTTP " + page.status() + " at " + page.uri().getPath() + ")");
        }
    }

    private static Outcome outcome(DashboardHttp.Page page) {
        String path = page.uri().getPath();
        if (path.equals("/login") && page.status() == 200 && page.uri().getQuery() == null
                || path.equals("/login/oauth/authorize")) {
            return Outcome.SIGN_IN;
        }
        return switch (page.status()) {
            case 404 -> Outcome.NOT_FOUND;
            case 403 -> page.body().contains("This form has expired") ? Outcome.SIGN_IN : Outcome.FORBIDDEN;
            case 400 -> Outcome.BAD_INPUT;
            default -> page.status() < 400 ? Outcome.ALLOWED : Outcome.OTHER;
        };
    }

    /** A form post with the CSRF token of a page the same caller has open (none for someone not signed in). */
    private static DashboardHttp.Page post(DashboardHttp http, String path, DashboardHttp.Page open, Map<String, String> form) {
        List<Map.Entry<String, String>> fields = new ArrayList<>(form.entrySet());
        if (open.body().contains("name=\"_csrf\"")) {
            fields.add(Map.entry("_csrf", DashboardHttp.csrfToken(open)));
        }
        return http.post(path, fields, Map.of());
    }

    private static String find(Pattern pattern, String text, String what) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("set-up made " + what).isTrue();
        return matcher.group(1);
    }
}
