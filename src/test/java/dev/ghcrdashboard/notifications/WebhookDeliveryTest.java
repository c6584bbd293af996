package dev.ghcrdashboard.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.audit.AuditAction;
import dev.ghcrdashboard.audit.AuditLog;
import dev.ghcrdashboard.audit.AuditQuery;
import dev.ghcrdashboard.support.Dashboard;
import dev.ghcrdashboard.support.DashboardHttp;
import dev.ghcrdashboard.support.SimulatorBackedTest;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks against a local receiver, through the pages an admin uses: the demo's acme/leaky (public, from a
 * private repository) makes the first drift check dangerous. Loopback receivers are allowed for this test only.
 */
@SimulatorBackedTest(properties = {
        "ghcr-dashboard.notifications.allow-private-addresses=true",
        "ghcr-dashboard.notifications.poll-interval=200ms",
        "ghcr-dashboard.notifications.first-retry=300ms",
        "ghcr-dashboard.notifications.max-attempts=3",
        "ghcr-dashboard.notifications.timeout=2s",
        "ghcr-dashboard.notifications.dashboard-url=https://ghcr.example.test"})
class WebhookDeliveryTest {

    @Autowired
    Dashboard dashboard;
    @Autowired
    AuditLog auditLog;

    private MockWebServer receiver;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = new MockWebServer();
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void aDangerousDriftReachesASlackWebhookAfterAFailedAttemptAndIsAnnouncedOnce() throws Exception {
        receiver.enqueue(new MockResponse.Builder().code(500).build());
        receiver.enqueue(new MockResponse.Builder().code(200).build());
        DashboardHttp admin = dashboard.signedIn("octocat");
        DashboardHttp.Page added = addWebhook(admin, receiver.url("/services/T000/B000/" + "x".repeat(24)).toString(), "SLACK");
        assertThat(added.status()).isEqualTo(200);
        assertThat(added.body()).contains("Slack-compatible").doesNotContain("x".repeat(24));

        assertThat(admin.get("/owners/acme/visibility").status()).isEqualTo(200);

        RecordedRequest first = receiver.takeRequest(10, TimeUnit.SECONDS);
        RecordedRequest retried = receiver.takeRequest(10, TimeUnit.SECONDS);
        assertThat(first).isNotNull();
        assertThat(retried).as("retried after the 500").isNotNull();
        JsonNode body = JsonMapper.shared().readTree(retried.getBody().utf8());
        assertThat(body.path("text").asString()).contains("Dangerous visibility drift in acme").contains("leaky");
        assertThat(body.path("blocks").get(0).path("text").path("text").asString())
                .contains("<https://ghcr.example.test/owners/acme/visibility|Open in ghcr-dashboard>");

        assertThat(admin.get("/owners/acme/visibility").status()).isEqualTo(200);
        assertThat(receiver.takeRequest(2, TimeUnit.SECONDS)).as("the same danger is not announced again").isNull();

        String page = admin.get("/owners/acme/notifications").body();
        assertThat(page).contains("data-delivery-state=\"DELIVERED\"").contains("(HTTP 200)");
        assertThat(auditLog.search(AuditQuery.all()).entries())
                .anySatisfy(entry -> assertThat(entry.action()).isEqualTo(AuditAction.WEBHOOK_ADDED));
    }

    @Test
    void aReceiverThatIsDownNeverHoldsUpAPageAndTheDeliveryIsGivenUpWithItsReason() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DashboardHttp admin = dashboard.signedIn("octocat");
        addWebhook(admin, "http://127.0.0.1:" + closedPort + "/hook", "JSON");
        DashboardHttp.Page notifications = admin.get("/owners/acme/notifications");
        long webhookId = Long.parseLong(notifications.body().replaceAll("(?s).*data-webhook-id=\"(\\d+)\".*", "$1"));
        DashboardHttp.Page tested = admin.post("/owners/acme/notifications/webhooks/" + webhookId + "/test",
                List.of(Map.entry("_csrf", DashboardHttp.csrfToken(notifications))), Map.of());
        assertThat(tested.status()).isEqualTo(200);

        String page = waitForState(admin, "FAILED");
        assertThat(page).contains("gave up").contains("could not connect");
    }

    @Test
    void aViewerSeesTheWebhooksButCannotAddOne() {
        DashboardHttp viewer = dashboard.signedIn("hubot");
        DashboardHttp.Page page = viewer.get("/owners/acme/notifications");
        assertThat(page.body()).contains("Only acme&#39;s admins can set up notifications").doesNotContain("id=\"webhook-form\"");
        DashboardHttp.Page refused = addWebhook(viewer, receiver.url("/hook").toString(), "JSON");
        assertThat(refused.status()).isEqualTo(403);
    }

    private static DashboardHttp.Page addWebhook(DashboardHttp http, String url, String format) {
        DashboardHttp.Page page = http.get("/owners/acme/notifications");
        return http.post("/owners/acme/notifications/webhooks", List.of(Map.entry("url", url), Map.entry("format", format),
                Map.entry("_csrf", DashboardHttp.csrfToken(page))), Map.of());
    }

    private static String waitForState(DashboardHttp http, String state) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            String page = http.get("/owners/acme/notifications").body();
            if (page.contains("data-delivery-state=\"" + state + "\"")) {
                return page;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no delivery reached " + state);
    }
}
