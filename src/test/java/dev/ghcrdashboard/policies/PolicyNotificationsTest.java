package dev.ghcrdashboard.policies;

import static dev.ghcrdashboard.policies.PolicyPagesTest.awaitRunEnd;
import static dev.ghcrdashboard.policies.PolicyPagesTest.create;
import static dev.ghcrdashboard.policies.PolicyPagesTest.post;
import static dev.ghcrdashboard.policies.PolicyPagesTest.runNow;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ghcrdashboard.simulator.FaultRule;
import dev.ghcrdashboard.simulator.Simulator;
import dev.ghcrdashboard.support.Dashboard;
import dev.ghcrdashboard.support.DashboardHttp;
import dev.ghcrdashboard.support.SimulatorBackedTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an owner's webhook hears from policy runs, delivered to a local receiver: a run that finished (retried after
 * the receiver answered 500, while the run had long ended), one that stopped to ask, and runs that failed because
 * the person they run as lost admin or GitHub no longer accepts their token.
 */
@SimulatorBackedTest(properties = {
        "ghcr-dashboard.notifications.allow-private-addresses=true",
        "ghcr-dashboard.notifications.poll-interval=200ms",
        "ghcr-dashboard.notifications.first-retry=300ms",
        "ghcr-dashboard.notifications.timeout=30s"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyNotificationsTest {

    /** The receiver holds the first delivery naming this policy until the test lets it answer (500). */
    private static final String HELD_POLICY = "held delivery";

    @Autowired
    Simulator github;
    @Autowired
    Dashboard dashboard;

    private HttpServer receiver;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch heldArrived = new CountDownLatch(1);
    private final AtomicBoolean held = new AtomicBoolean();
    private DashboardHttp admin;

    @BeforeAll
    void startReceiverAndAddTheWebhook() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = 200;
            if (body.contains(HELD_POLICY) && held.compareAndSet(false, true)) {
                heldArrived.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                status = 500;
            } else {
                received.add(JsonMapper.shared().readTree(body));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        admin = dashboard.signedIn("octocat", "delete");
        DashboardHttp.Page page = admin.get("/owners/acme/notifications");
        DashboardHttp.Page added = post(admin, "/owners/acme/notifications/webhooks", page,
                Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", "format", "JSON"));
        assertThat(added.status()).isEqualTo(200);
    }

    @AfterAll
    void stopReceiver() {
        release.countDown();
        receiver.stop(0);
    }

    @Test
    void aRunEndsWithoutWaitingForItsWebhookWhichIsDeliveredAfterA500() throws Exception {
        DashboardHttp.Page policy = create(admin, "acme", Map.of("name", HELD_POLICY, "scope", "package", "packageName", "api",
                "schedule", "daily", "groups[0].tagPattern", "v0.*"));
        DashboardHttp.Page run = awaitRunEnd(admin, runNow(admin, policy.uri().getPath()));
        assertThat(run.body()).contains("data-run-status=\"FINISHED\"");

        assertThat(heldArrived.await(10, TimeUnit.SECONDS)).as("the first delivery reached the receiver").isTrue();
        assertThat(admin.get(run.uri().getPath()).body()).as("the run had ended while its delivery was held")
                .contains("data-run-status=\"FINISHED\"");
        release.countDown();

        JsonNode retried = await("policy.run.finished", HELD_POLICY);
        assertThat(retried.path("text").asString()).contains("Dry run: 1 versions").contains("would be deleted");
        assertThat(retried.path("policyId").asLong()).isEqualTo(Long.parseLong(policy.uri().getPath().replaceAll(".*/", "")));
    }

    @Test
    void aRunThatStopsToAskSaysSo() throws Exception {
        DashboardHttp.Page policy = create(admin, "acme", Map.of("name", "asks first", "scope", "package", "packageName", "leaky",
                "schedule", "daily", "shareThreshold", "10", "groups[0].orphans", "true"));
        post(admin, policy.uri().getPath() + "/act", admin.get(policy.uri().getPath() + "/act"), Map.of("confirmed", "true"));
        assertThat(awaitRunEnd(admin, runNow(admin, policy.uri().getPath())).body()).contains("data-run-status=\"WAITING_FOR_APPROVAL\"");

        JsonNode waiting = await("policy.run.waiting", "asks first");
        assertThat(waiting.path("text").asString()).contains("waits for an admin's approval");
    }

    @Test
    void aRunFailsWithTheReasonWhenItsPersonIsNoLongerAnAdmin() throws Exception {
        github.control().setOrgRole("acme", "hubot", "admin");
        try {
            DashboardHttp hubot = dashboard.signedIn("hubot");
            DashboardHttp.Page policy = create(hubot, "acme", Map.of("name", "by hubot", "scope", "package", "packageName", "api",
                    "schedule", "daily", "groups[0].orphans", "true"));
            assertThat(policy.body()).contains("hubot");
            github.control().setOrgRole("acme", "hubot", "member"); // within role-refresh: pages still trust the cached role

            DashboardHttp.Page run = awaitRunEnd(admin, runNow(admin, policy.uri().getPath()));
            assertThat(run.body()).contains("data-run-status=\"FAILED\"").contains("hubot, whose token runs this policy, is no longer an admin of acme");
            assertThat(await("policy.run.failed", "by hubot").path("text").asString()).contains("no longer an admin");
        } finally {
            github.control().setOrgRole("acme", "hubot", "member");
        }
    }

    @Test
    void aRunFailsWithTheReasonWhenGitHubNoLongerAcceptsTheToken() throws Exception {
        DashboardHttp.Page policy = create(admin, "acme", Map.of("name", "revoked", "scope", "pattern", "pattern", "tools/*",
                "schedule", "daily", "groups[0].orphans", "true"));
        github.control().addFault(FaultRule.status("GET", "/user/memberships/orgs", 401));
        try {
            DashboardHttp.Page run = awaitRunEnd(admin, runNow(admin, policy.uri().getPath()));
            assertThat(run.body()).contains("data-run-status=\"FAILED\"").contains("GitHub no longer accepts the token of octocat");
        } finally {
            github.control().clearFaults();
        }
        assertThat(await("policy.run.failed", "revoked").path("text").asString()).contains("no longer accepts the token");
    }

    private JsonNode await(String event, String policyName) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode body : received) {
                if (body.path("event").asString().equals(event) && body.path("details").path("policy").asString().equals(policyName)) {
                    return body;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + event + " for " + policyName + " arrived; received: " + received);
    }
}
