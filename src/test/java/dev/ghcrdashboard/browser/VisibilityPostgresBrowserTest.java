package dev.ghcrdashboard.browser;

import com.microsoft.playwright.Page;
import dev.ghcrdashboard.simulator.Simulator;
import dev.ghcrdashboard.support.Browser;
import dev.ghcrdashboard.support.RealPostgres;
import dev.ghcrdashboard.support.SimulatedGitHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The guided change and the guided queue of {@link VisibilityBrowserTest}, on a real PostgreSQL
 * (the production database): changes, queues, proofs and the audit log go through its transactions.
 * Screenshots: target/screenshots/visibility-postgres-*.png.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ghcr-dashboard.visibility.poll-interval=300ms")
class VisibilityPostgresBrowserTest {

    static final Simulator github = SimulatedGitHub.start("classpath:scenarios/visibility.yml");
    static RealPostgres.Database database;
    static Browser browser;

    @LocalServerPort
    int port;

    @BeforeAll
    static void launch() {
        database();
        browser = Browser.launch();
    }

    /** On first use, so a missing PostgreSQL skips the class in {@code @BeforeAll}, before the context is built. */
    static synchronized RealPostgres.Database database() {
        if (database == null) {
            database = RealPostgres.newDatabase();
        }
        return database;
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        SimulatedGitHub.configure(registry, github);
        registry.add("spring.datasource.url", () -> database().jdbcUrl());
        registry.add("spring.datasource.username", () -> database().user());
        registry.add("spring.datasource.password", () -> database().password());
        // PostgreSQL is a shared database: the start demands a configured key (SettingsCheck).
        registry.add("ghcr-dashboard.secret-key", () -> "a test key that is long enough");
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
    }

    String dashboard() {
        return "http://localhost:" + port;
    }

    Page signedIn() {
        Page page = browser.newPage();
        Browser.signIn(page, dashboard(), "octocat");
        return page;
    }

    @Test
    void guidedChangeReachesVerifiedAndTheAuditLog() {
        VisibilityBrowserTest.guidedChangeToVerified(signedIn(), dashboard(), github, "visibility-postgres");
    }

    @Test
    void guidedQueueSurvivesAReloadAndEndsAllVerified() {
        VisibilityBrowserTest.guidedQueueToAllVerified(signedIn(), dashboard(), github, "visibility-postgres-queue");
    }
}
