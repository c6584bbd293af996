package dev.ghcrdashboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.simulator.Simulator;
import dev.ghcrdashboard.support.Dashboard;
import dev.ghcrdashboard.support.DashboardHttp;
import dev.ghcrdashboard.support.SimulatorBackedTest;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The whole dashboard on a real PostgreSQL instead of H2: Flyway migrates it at start-up, and opening a
 * package page writes the manifests it read into PostgreSQL's cache table.
 */
@SimulatorBackedTest(database = SimulatorBackedTest.Database.POSTGRESQL)
class DashboardOnPostgresTest {

    @Autowired
    Simulator github;
    @Autowired
    Dashboard dashboard;
    @Autowired
    DataSource dataSource;

    @Test
    void servesThePackagePageAndCachesManifestsInPostgres() throws Exception {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        try (var connection = dataSource.getConnection()) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM flyway_schema_history WHERE success").query(Integer.class).single())
                .as("every migration applied at start-up").isEqualTo(MigrationsTest.migrationScripts());
        assertThat(jdbc.sql("SELECT count(*) FROM registry_manifest").query(Integer.class).single()).isZero();

        var http = dashboard.http();
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
