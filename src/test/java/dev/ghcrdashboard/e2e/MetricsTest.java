package dev.ghcrdashboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.support.Dashboard;
import dev.ghcrdashboard.support.DashboardHttp;
import dev.ghcrdashboard.support.SimulatorBackedTest;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code /actuator/prometheus}, switched on with {@code ghcr-dashboard.metrics.prometheus}, read the way
 * Prometheus reads it (no sign-in) after a person browsed and deleted: the counters of what they did moved, and
 * no token appears anywhere in it, label or value.
 */
@SimulatorBackedTest(properties = {"ghcr-dashboard.metrics.prometheus=true", "ghcr-dashboard.instance-name=metrics-test"})
class MetricsTest {

    @RegisterExtension
    static final TokenWatch tokens = new TokenWatch();

    @Autowired
    Dashboard dashboard;

    @Test
    void countersMoveAfterABrowseAndADeleteAndNoTokenIsInThem() {
        var http = dashboard.signedIn("octocat", "delete");
        var scraper = dashboard.http();
        assertThat(http.get("/owners/acme/packages").status()).isEqualTo(200);
        assertThat(http.get("/owners/acme/packages/web").status()).isEqualTo(200);
        String job = http.startCleanup("acme", "web", Map.of("groups[0].orphans", "true"));
        assertThat(http.awaitJobEnd(job, Duration.ofSeconds(60)).body()).contains("Finished");

        DashboardHttp.Page metrics = scraper.get("/actuator/prometheus", Map.of("Accept", "text/plain"));
        assertThat(metrics.status()).isEqualTo(200);
        String text = metrics.body();
        assertThat(sum(text, "ghcr_github_requests_total",
                "endpoint=\"version\",instance_name=\"metrics-test\",method=\"DELETE\",status=\"204\""))
                .as("the two orphans of acme/web were deleted").isEqualTo(2);
        assertThat(sum(text, "ghcr_github_requests_total", "endpoint=\"versions.list\"")).isPositive();
        assertThat(sum(text, "ghcr_github_requests_total", "endpoint=\"packages.list\"")).isPositive();
        assertThat(sum(text, "ghcr_cleanup_items_seconds_count", "kind=\"delete\",outcome=\"deleted\"")).isEqualTo(2);
        assertThat(sum(text, "ghcr_cleanup_jobs", "status=\"finished\"")).isGreaterThanOrEqualTo(1);
        assertThat(sum(text, "ghcr_registry_fetches_total", "kind=\"manifest\"")).as("the package page read its manifests").isPositive();
        assertThat(sum(text, "cache_gets_total", "result=\"hit\"")).isPositive();
        assertThat(sum(text, "ghcr_sessions_active", "")).isGreaterThanOrEqualTo(1);
        double budget = sum(text, "ghcr_github_rate_remaining", "token_class=\"oauth_app\"");
        assertThat(budget).as("octocat's OAuth token has spent some of its 5,000").isBetween(1.0, 4999.0);
        assertThat(sum(text, "ghcr_github_retries_total", "cause=\"secondary_rate_limit\"")).isZero();

        assertThat(tokens.issued()).isNotEmpty();
        for (String token : tokens.issued()) {
            assertThat(text).doesNotContain(token);
        }
        assertThat(text).doesNotContain("demo-secret");
    }

    /** The sum of the samples of {@code name} whose labels contain {@code labels} (Prometheus text format). */
    private static double sum(String text, String name, String labels) {
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$").matcher(text);
        double total = 0;
        boolean found = false;
        while (sample.find()) {
            String sampleLabels = sample.group(1) == null ? "" : sample.group(1);
            if (sampleLabels.contains(labels)) {
                total += Double.parseDouble(sample.group(2));
                found = true;
            }
        }
        assertThat(found).as(name + " with " + labels + " in:\n" + text.lines().filter(l -> l.startsWith(name)).toList()).isTrue();
        return total;
    }
}
