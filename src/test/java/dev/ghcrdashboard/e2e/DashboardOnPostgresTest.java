package dev.ghcrdashboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.simulator.Simulator;
import dev.ghcrdashboard.support.DashboardHttp;
import dev.ghcrdashboard.support.RealPostgres;
import dev.ghcrdashboard.support.SimulatedGitHub;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole dashboard on a real PostgreSQL instead of H2: Flyway migrates it at start-up, and opening a
 * package page writes the manifests it read into PostgreSQL's cache table.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardOnPostgresTest {

    static final Simulator github = SimulatedGitHub.start(SimulatedGitHub.DEMO);
    static RealPostgres.Database database;

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @BeforeAll
    static void postgres() {
        // Before the context: without PostgreSQL the class is skipped (laptop) or fails (CI), never half-started.
        database = RealPostgres.newDatabase();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SimulatedGitHub.configure(registry, github);
        registry.add("spring.datasource.url", () -> database.jdbcUrl());
        registry.add("spring.datasource.username", () -> database.user());
        registry.add("spring.datasource.password", () -> database.password());
        // PostgreSQL is a shared database: the start demands a configured key (SettingsCheck).
        registry.add("ghcr-dashboard.secret-key", () -> "a test key that is long enough");
    }

    @Test
    void servesThePackagePageAndCachesManifestsInPostgres() throws Exception {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        try (var connection = dataSource.getConnection()) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM flyway_schema_history WHERE success").query(Integer.class).single())
                .as("every migration applied at start-up").isEqualTo(MigrationsTest.migrationScripts());
        assertThat(jdbc.sql("SELECT count(*) FROM registry_manifest").query(Integer.class).single()).isZero();

        var http = new DashboardHttp("http://localhost:" + port);
        assertThat(http.signIn("octocat").status()).isEqualTo(200);
        github.control().resetCounts();
        DashboardHttp.Page page = http.get("/owners/acme/packages/tools/cli");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("linux/amd64").doesNotContain("Reading manifests");
        List<String> cached = jdbc.sql("SELECT digest FROM registry_manifest").query(String.class).list();
        assertThat(cached).as("manifests the page needed are now rows in PostgreSQL")
                .containsExactlyInAnyOrderElementsOf(github.control().counts().manifestGets().keySet());
        assertThat(cached).isNotEmpty();
    }
}
