package dev.ghcrdashboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.support.RealPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.TreeSet;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every migration in db/migration applies, in order, on both databases the dashboard supports: H2 (the
 * default file database) and a real PostgreSQL 15. Other features add their own migrations; this test
 * counts them from the classpath, so a new script that breaks on either database fails here.
 */
class MigrationsTest {

    /** Tables of the read path; other features' tables are covered by the migration count. */
    private static final String[] READ_PATH_TABLES = {"registry_manifest", "registry_config_blob", "audit_entry", "flyway_schema_history"};

    @Test
    void everyMigrationAppliesOnH2() throws Exception {
        String url = "jdbc:h2:mem:migrations-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        MigrateResult result = migrate(url, "sa", "");
        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isEqualTo(migrationScripts());
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            assertThat(tables(connection, "PUBLIC")).contains(READ_PATH_TABLES);
        }
    }

    @Test
    void everyMigrationAppliesOnPostgres() throws Exception {
        RealPostgres.Database database = RealPostgres.newDatabase();
        MigrateResult result = migrate(database.jdbcUrl(), database.user(), database.password());
        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isEqualTo(migrationScripts());
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
            assertThat(tables(connection, "public")).contains(READ_PATH_TABLES);
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }
        // Applying again is a no-op: the history matches the scripts (no checksum drift between databases).
        assertThat(migrate(database.jdbcUrl(), database.user(), database.password()).migrationsExecuted).isZero();
    }

    private static MigrateResult migrate(String url, String user, String password) {
        return Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    static int migrationScripts() throws IOException {
        return new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/V*__*.sql").length;
    }

    private static TreeSet<String> tables(Connection connection, String schema) throws SQLException {
        TreeSet<String> names = new TreeSet<>();
        try (ResultSet rs = connection.getMetaData().getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }
}
