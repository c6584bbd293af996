package dev.ghcrdashboard.e2e;

import dev.ghcrdashboard.simulator.Simulator;
import dev.ghcrdashboard.support.RealPostgres;
import dev.ghcrdashboard.support.SimulatedGitHub;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Settings for a dashboard process, as an operator would write them: the OAuth App and URLs of the simulator,
 * a database, and the pacing and lease scaled down so a 200-item job takes seconds, not minutes.
 */
final class ProcessSettings {

    /** The simulator's OAuth App secret ({@link SimulatedGitHub#properties}): it must not reach a log either. */
    static final String CLIENT_SECRET = "demo-secret";
    static final String SECRET_KEY = "process-test key, long enough to pass the check";

    private ProcessSettings() {
    }

    /**
     * Where a process test keeps its data: an H2 file in a directory, or a PostgreSQL database. The test reads
     * it the way the dashboard does (JdbcClient), after the processes wrote it; an H2 file only once the process
     * that holds it has stopped.
     */
    sealed interface Database permits H2File, Postgres {
        /** A connection per use, closed after it (no pool: an H2 file must be free again when the test ends). */
        DataSource dataSource();

        default Connection connect() throws SQLException {
            return dataSource().getConnection();
        }

        default JdbcClient jdbc() {
            return JdbcClient.create(dataSource());
        }
    }

    record H2File(Path dataDir) implements Database {
        String url() {
            return "jdbc:h2:file:" + dataDir.resolve("ghcr-dashboard") + ";AUTO_SERVER=FALSE;WRITE_DELAY=0";
        }

        @Override
        public DataSource dataSource() {
            return new DriverManagerDataSource(url(), "sa", "");
        }
    }

    record Postgres(RealPostgres.Database database) implements Database {
        @Override
        public DataSource dataSource() {
            return database.dataSource();
        }
    }

    static Map<String, String> dashboard(String instanceName, Simulator github, Database database, Path dataDir) {
        Map<String, String> settings = new LinkedHashMap<>(SimulatedGitHub.properties(github));
        settings.put("ghcr-dashboard.instance-name", instanceName);
        // 40 deletes a second instead of 170 a minute, a lease of 3 s instead of 30 s: the same code, scaled.
        settings.put("ghcr-dashboard.cleanup.calls-per-period", "40");
        settings.put("ghcr-dashboard.cleanup.period", "1s");
        settings.put("ghcr-dashboard.cleanup.lease", "3s");
        settings.put("ghcr-dashboard.cleanup.poll-interval", "200ms");
        settings.put("ghcr-dashboard.data-dir", dataDir.toString());
        if (database instanceof H2File h2) {
            // No secret-key: the embedded database allows the generated key file, which the token scan then covers too.
            settings.put("spring.datasource.url", h2.url());
        } else if (database instanceof Postgres postgres) {
            settings.put("spring.datasource.url", postgres.database().jdbcUrl());
            settings.put("spring.datasource.username", postgres.database().user());
            settings.put("spring.datasource.password", postgres.database().password());
            settings.put("ghcr-dashboard.secret-key", SECRET_KEY);
        }
        return settings;
    }
}
