package dev.ghcrdashboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.simulator.FaultRule;
import dev.ghcrdashboard.simulator.Simulator;
import dev.ghcrdashboard.support.Dashboard;
import dev.ghcrdashboard.support.DashboardHttp;
import dev.ghcrdashboard.support.SimulatorBackedTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * What a person sees when things go wrong, over real HTTP against the simulator: GitHub failing,
 * unknown packages, nonsense in the URL, an expired session under htmx, signing out. In every case
 * the page says what happened in a sentence, shows no internals, and never the token.
 */
@SimulatorBackedTest
@ExtendWith(OutputCaptureExtension.class)
class FailureModesTest {

    @RegisterExtension
    static final TokenWatch tokens = new TokenWatch();

    @Autowired
    Simulator github;
    @Autowired
    Dashboard dashboard;

    @AfterEach
    void noFaults() {
        github.control().clearFaults();
    }

    DashboardHttp signedIn(String login) {
        var http = dashboard.http();
        DashboardHttp.Page landing = http.signIn(login);
        assertThat(landing.status()).isEqualTo(200);
        tokens.assertNotIn(landing);
        return http;
    }

    @Test
    void gitHubFailingAfterRetriesIsA503WithARetryLinkAndNoInternals(CapturedOutput output) {
        DashboardHttp http = signedIn("octocat");
        github.control().addFault(FaultRule.status("GET", "/orgs/octo-labs/packages\\?", 500).times(0));

        DashboardHttp.Page page = http.get("/owners/octo-labs/packages");

        assertThat(page.status()).isEqualTo(503);
        assertThat(page.body()).contains("GitHub is not answering")
                .contains("href=\"/owners/octo-labs/packages\"")
                .contains("Try again");
        assertNoInternals(page);
        tokens.assertNotIn(page);
        tokens.assertNotIn(output.getAll());

        github.control().clearFaults();
        DashboardHttp.Page retried = http.get("/owners/octo-labs/packages");
        assertThat(retried.status()).as("the retry link works once GitHub answers again").isEqualTo(200);
        assertThat(retried.body()).contains("experiment");
    }

    @Test
    void unknownPackageOrOneWithoutAccessIsA404ThatSaysBoth(CapturedOutput output) {
        DashboardHttp http = signedIn("octocat");

        DashboardHttp.Page missing = http.get("/owners/acme/packages/does-not-exist");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).contains("Not found or no access").contains("no access to it");
        assertNoInternals(missing);
        tokens.assertNotIn(missing);

        // hubot's robot is private: GitHub shows octocat only hubot's public packages, and answers this one 404.
        DashboardHttp.Page robot = http.get("/owners/hubot/packages/robot");
        assertThat(robot.status()).isEqualTo(404);
        assertThat(robot.body()).contains("Not found or no access").contains("no access to it");
        assertNoInternals(robot);
        tokens.assertNotIn(robot);
        // hubot is neither octocat nor an organization octocat belongs to: its trash is not asked of GitHub at all.
        DashboardHttp.Page trash = http.get("/owners/hubot/trash");
        assertThat(trash.status()).isEqualTo(404);
        assertThat(trash.body()).contains("hubot is neither you nor an organization you are a member of");

        DashboardHttp.Page version = http.get("/owners/acme/versions/999999?package=tools/cli");
        assertThat(version.status()).isEqualTo(404);
        assertThat(version.body()).contains("Version 999999 is not an active version of tools/cli.");
        tokens.assertNotIn(output.getAll());
    }

    @Test
    void nonsenseInTheUrlIsA400WithAClearSentence(CapturedOutput output) {
        DashboardHttp http = signedIn("octocat");
        Map<String, String> cases = Map.of(
                "/owners/acme/packages?page=abc", "Page must be a whole number.",
                "/owners/acme/packages?page=0", "Page must be 1 or more.",
                "/owners/acme/packages?visibility=bogus", "Visibility must be public, private, internal or all.",
                "/owners/acme/packages?sort=x", "Sort must be name or updated.",
                "/owners/acme/packages/web?show=x", "Show must be all, tagged, untagged or orphaned.",
                "/owners/acme/versions/1?package=..%2Fetc", "That is not a valid container package name",
                "/owners/acme/versions/abc?package=web", "The value given for &#39;id&#39; is not valid.",
                "/owners/ac_me/packages", "That is not a GitHub user or organization name.");
        cases.forEach((url, sentence) -> {
            DashboardHttp.Page page = http.get(url);
            assertThat(page.status()).as(url).isEqualTo(400);
            assertThat(page.body()).as(url).contains("That request does not make sense").contains(sentence);
            assertNoInternals(page);
            tokens.assertNotIn(page);
        });

        // A dot-dot path never reaches a handler: the firewall refuses it outright, without a stack trace.
        DashboardHttp.Page dotDot = http.get("/owners/acme/packages/%2E%2E/etc");
        assertThat(dotDot.status()).isEqualTo(400);
        assertNoInternals(dotDot);

        String hostile = "<script>alert(1)</script>";
        DashboardHttp.Page search = http.get("/owners/acme/packages?q=" + URLEncoder.encode(hostile, StandardCharsets.UTF_8));
        assertThat(search.status()).as("a strange search is still a search").isEqualTo(200);
        assertThat(search.body()).doesNotContain(hostile).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        DashboardHttp.Page hostileAndBad = http.get("/owners/acme/packages?page=abc&q=" + URLEncoder.encode(hostile, StandardCharsets.UTF_8));
        assertThat(hostileAndBad.status()).isEqualTo(400);
        assertThat(hostileAndBad.body()).doesNotContain(hostile);
        DashboardHttp.Page hostileOwner = http.get("/owners/" + URLEncoder.encode(hostile, StandardCharsets.UTF_8) + "/packages");
        assertThat(hostileOwner.status()).isEqualTo(400);
        assertThat(hostileOwner.body()).doesNotContain(hostile);
        tokens.assertNotIn(output.getAll());
    }

    @Test
    void htmxWithoutASessionReloadsTheWholePageWhichThenSignsIn() {
        var anonymous = dashboard.http();
        DashboardHttp.Page page = anonymous.get("/owners/acme/packages/web", Map.of("HX-Request", "true", "Accept", "*/*"));
        assertThat(page.status()).as("nothing of the page is swapped in").isEqualTo(403);
        assertThat(page.header("HX-Refresh")).isEqualTo("true");

        DashboardHttp.Page plain = anonymous.get("/owners/acme/packages/web");
        assertThat(plain.uri().getPath()).as("a plain request is sent to sign in").isEqualTo("/login");
    }

    @Test
    void signOutNeedsCsrfAndEndsTheSession(CapturedOutput output) {
        DashboardHttp http = signedIn("octocat");
        DashboardHttp.Page packages = http.get("/owners/acme/packages");
        String csrf = DashboardHttp.csrfToken(packages);

        DashboardHttp.Page forged = http.post("/logout", List.of(), Map.of());
        assertThat(forged.status()).as("a POST without CSRF token is refused").isEqualTo(403);
        assertNoInternals(forged);
        DashboardHttp.Page forgedWrongToken = http.post("/logout", List.of(Map.entry("_csrf", "not-the-token")), Map.of());
        assertThat(forgedWrongToken.status()).isEqualTo(403);
        assertThat(http.get("/owners/acme/packages").status()).as("still signed in").isEqualTo(200);

        DashboardHttp.Page signedOut = http.post("/logout", List.of(Map.entry("_csrf", csrf)), Map.of());
        assertThat(signedOut.status()).isEqualTo(200);
        assertThat(signedOut.uri().getPath()).isEqualTo("/");
        assertThat(signedOut.uri().getQuery()).isEqualTo("signedOut");
        tokens.assertNotIn(signedOut);

        DashboardHttp.Page after = http.get("/owners/acme/packages");
        assertThat(after.uri().getPath()).as("signed out: back to sign-in").isEqualTo("/login");
        tokens.assertNotIn(output.getAll());
    }

    @Test
    void slowGitHubStillShowsTheNewestVersionsAtOnce() throws InterruptedException {
        DashboardHttp http = signedIn("octocat");
        // acme/base has 120 versions: page 2 of its listing hangs for a while, page 1 does not.
        github.control().addFault(FaultRule.delay("GET", "/orgs/acme/packages/container/base/versions\\?.*page=2", Duration.ofSeconds(8)).times(1));

        DashboardHttp.Page first = http.get("/owners/acme/packages/base");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).contains("Listing versions from GitHub: the newest").contains("100+ active (still listing)");
        assertThat(first.body()).as("the newest versions are on screen").contains("data-version-id=");

        DashboardHttp.Page later = first;
        for (int i = 0; i < 60 && (later.body().contains("Listing versions") || later.body().contains("Reading manifests")); i++) {
            Thread.sleep(500);
            later = http.get("/owners/acme/packages/base", Map.of("HX-Request", "true", "Accept", "*/*"));
        }
        assertThat(later.body()).doesNotContain("Listing versions").doesNotContain("Reading manifests");
        assertThat(http.get("/owners/acme/packages/base").body()).contains("120 active");
    }

    static void assertNoInternals(DashboardHttp.Page page) {
        assertThat(page.body()).as(page.uri() + " shows no internals")
                .doesNotContain("Exception")
                .doesNotContain("\tat ")
                .doesNotContain("dev.ghcrdashboard.")
                .doesNotContain("org.springframework.")
                .doesNotContain("java.lang.");
    }
}
