package dev.ghcrdashboard.persistence;

import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/** Inserts into a table whose {@code id} column the database generates (identity), on H2 and PostgreSQL alike. */
public final class GeneratedIds {

    private GeneratedIds() {
    }

    /** Runs {@code insert} and returns the id the database gave the new row. */
    public static long insert(JdbcClient.StatementSpec insert) {
        var keys = new GeneratedKeyHolder();
        // Naming the column: PostgreSQL would otherwise hand back every column of the row as "keys".
        insert.update(keys, "id");
        return Objects.requireNonNull(keys.getKey(), "generated id").longValue();
    }
}
