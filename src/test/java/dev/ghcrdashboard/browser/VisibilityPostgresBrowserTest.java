package dev.ghcrdashboard.browser;

import dev.ghcrdashboard.simulator.Simulator;
import dev.ghcrdashboard.support.Browser;
import dev.ghcrdashboard.support.SimulatorBackedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The guided change and the guided queue of {@link VisibilityBrowserTest}, on a real PostgreSQL
 * (the production database): changes, queues, proofs and the audit log go through its transactions.
 * Screenshots: target/screenshots/visibility-postgres-*.png.
 */
@SimulatorBackedTest(scenario = "classpath:scenarios/visibility.yml", database = SimulatorBackedTest.Database.POSTGRESQL,
        properties = "ghcr-dashboard.visibility.poll-interval=300ms")
class VisibilityPostgresBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @Autowired
    Simulator github;

    @Test
    void guidedChangeReachesVerifiedAndTheAuditLog() {
        VisibilityBrowserTest.guidedChangeToVerified(browser.signedIn("octocat"), github, "visibility-postgres");
    }

    @Test
    void guidedQueueSurvivesAReloadAndEndsAllVerified() {
        VisibilityBrowserTest.guidedQueueToAllVerified(browser.signedIn("octocat"), github, "visibility-postgres-queue");
    }
}
