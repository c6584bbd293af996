package dev.ghcrdashboard.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Instants in and out of {@code TIMESTAMP WITH TIME ZONE} columns, identically on H2 and PostgreSQL.
 *
 * <p>{@link OffsetDateTime} is the type JDBC 4.2 maps to this column, and both drivers bind and read
 * it the same way; PostgreSQL's driver refuses an {@code Instant}, and a {@code java.sql.Timestamp}
 * is converted through the JVM's default time zone. Both databases keep microseconds and round finer
 * values, so a value is cut to microseconds before it is written: what is read back is what was written.
 */
public final class Timestamps {

    private Timestamps() {
    }

    /** The value to bind for {@code instant} (UTC, microseconds); {@code null} stays {@code null}. */
    public static OffsetDateTime column(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    /** The instant stored in {@code column}, or {@code null} for SQL NULL. */
    public static Instant read(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** The instant stored in the {@code column}-th column (from 1), or {@code null} for SQL NULL. */
    public static Instant read(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
