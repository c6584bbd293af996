package dev.ghcrdashboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.support.Dashboard;
import dev.ghcrdashboard.support.DashboardHttp;
import dev.ghcrdashboard.support.SimulatorBackedTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Requests a careless or hostile client makes, over real HTTP: each gets a clear answer and leaves nothing behind. */
@SimulatorBackedTest
@ExtendWith(OutputCaptureExtension.class)
class HardeningTest {


    @Autowired
    Dashboard dashboard;

    @Test
    void aWellFormedButWrongCsrfTokenGetsTheDashboards403PageAndNoStackTrace(CapturedOutput output) {
        var http = dashboard.signedIn("octocat");
        DashboardHttp.Page form = http.get("/owners/acme/visibility");
        String token = DashboardHttp.csrfToken(form);
        String wrong = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");

        DashboardHttp.Page refused = http.post("/owners/acme/visibility/rules",
                List.of(Map.entry("kind", "NAME_PATTERN_MUST_BE_PUBLIC"), Map.entry("pattern", "x*"), Map.entry("_csrf", wrong)),
                Map.of());

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("ghcr-dashboard").contains("expired").doesNotContain("Exception");
        assertThat(output.getAll()).doesNotContain("InvalidCsrfTokenException").doesNotContain("\tat org.springframework");
        assertThat(http.get("/owners/acme/visibility").body()).as("nothing was stored").doesNotContain("x*");
    }

    @Test
    void ruleGroupsWithGapsOrBeyondTheLimitGetAClearAnswerNotAnError(CapturedOutput output) {
        var http = dashboard.signedIn("octocat");

        DashboardHttp.Page gap = http.get("/owners/acme/cleanup?name=web&groups%5B2%5D.olderThan=1");
        DashboardHttp.Page far = http.get("/owners/acme/cleanup?name=web&groups%5B100000%5D.olderThan=1");
        DashboardHttp.Page many = http.get("/owners/acme/cleanup?name=web&groups%5B10%5D.olderThan=1");

        assertThat(gap.status()).isEqualTo(200);
        assertThat(gap.body()).as("the gaps are shown as empty groups").contains("id=\"g2-olderThan\"").contains("value=\"1\"");
        for (DashboardHttp.Page page : List.of(many, far)) {
            assertThat(page.status()).isEqualTo(400);
            assertThat(page.body()).contains("At most 10 rule groups.").doesNotContain("Exception");
        }
        assertThat(output.getAll()).doesNotContain("\tat org.springframework");
    }

    @Test
    void anonymousPagesCreateNoServerSession() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (String path : List.of("/", "/login", "/login?error=failed", "/css/app.css", "/favicon.svg")) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(dashboard.url(path)))
                    .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.headers().allValues("Set-Cookie")).as(path).noneMatch(cookie -> cookie.startsWith("SESSION="));
        }
    }
}
