package dev.ghcrdashboard.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** Instants through a {@code TIMESTAMP WITH TIME ZONE} column, on each database the dashboard runs on. */
abstract class TimestampsContract {

    private SingleConnectionDataSource dataSource;
    private JdbcClient jdbc;

    /** A fresh, empty database. */
    abstract SingleConnectionDataSource newDatabase();

    @BeforeEach
    void createTable() {
        dataSource = newDatabase();
        jdbc = JdbcClient.create(dataSource);
        jdbc.sql("CREATE TABLE moment (id INT PRIMARY KEY, at TIMESTAMP WITH TIME ZONE)").update();
    }

    @AfterEach
    void disconnect() {
        dataSource.destroy();
    }

    @Test
    void anInstantIsReadBackAsWrittenToTheMicrosecondInsteadOfRounded() {
        write(1, Instant.parse("2026-03-15T12:34:56.123456789Z"));

        assertThat(read(1)).isEqualTo(Instant.parse("2026-03-15T12:34:56.123456Z"));
    }

    @Test
    void theInstantDoesNotDependOnTheTimeZoneOfTheInstanceThatWroteOrReadIt() {
        TimeZone original = TimeZone.getDefault();
        Instant springForward = Instant.parse("2026-03-29T01:30:00Z");
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
            write(1, springForward);
            TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
            assertThat(read(1)).isEqualTo(springForward);
        } finally {
            TimeZone.setDefault(original);
        }
    }

    @Test
    void nullStaysNull() {
        write(1, null);

        assertThat(read(1)).isNull();
    }

    private void write(int id, Instant at) {
        jdbc.sql("INSERT INTO moment (id, at) VALUES (:id, :at)").param("id", id).param("at", Timestamps.column(at)).update();
    }

    private Instant read(int id) {
        return jdbc.sql("SELECT at FROM moment WHERE id = :id").param("id", id)
                .query((rs, row) -> Timestamps.read(rs, "at")).list().get(0);
    }
}
