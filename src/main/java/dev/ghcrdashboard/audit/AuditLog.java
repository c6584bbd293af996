package dev.ghcrdashboard.audit;

import dev.ghcrdashboard.common.StoredTags;
import dev.ghcrdashboard.persistence.GeneratedIds;
import dev.ghcrdashboard.persistence.Timestamps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The append-only record of every change the dashboard makes: the only way in is {@link #record},
 * and nothing here (or anywhere else) updates or deletes an entry. That guarantee lives in code
 * because one migration cannot install a trigger on both H2 and PostgreSQL.
 */
@Service
public class AuditLog {

    private static final String COLUMNS =
            "id, occurred_at, actor, action, owner, package_name, version_id, digest, tags, outcome, detail, job_id";
    // Large enough to keep round trips few, small enough that an export never holds the table in memory.
    private static final int EXPORT_FETCH_SIZE = 500;
    private static final int MAX_SUGGESTIONS = 500;

    private final JdbcClient jdbc;
    private final Clock clock;

    public AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Appends an entry. A {@code null} {@code occurredAt} means "now". The time is kept to the
     * microsecond, the precision both databases store, so the returned entry equals what a later
     * search reads back.
     *
     * <p>The entry joins the caller's transaction: a change and its record commit together (a job item's
     * state and its entry can never be separated by a crash). Without a transaction it commits on its own.
     *
     * @return the entry as stored, with its id
     */
    @Transactional
    public AuditEntry record(AuditEntry entry) {
        Objects.requireNonNull(entry, "entry");
        Instant occurredAt = (entry.occurredAt() != null ? entry.occurredAt() : clock.instant()).truncatedTo(ChronoUnit.MICROS);
        long id = GeneratedIds.insert(jdbc.sql(
                "INSERT INTO audit_entry (occurred_at, actor, action, owner, package_name, version_id, digest, tags,"
                        + " outcome, detail, job_id) VALUES (:occurredAt, :actor, :action, :owner, :packageName, :versionId,"
                        + " :digest, :tags, :outcome, :detail, :jobId)")
                .param("occurredAt", Timestamps.column(occurredAt))
                .param("actor", entry.actor())
                .param("action", entry.action().name())
                .param("owner", entry.owner())
                .param("packageName", entry.packageName())
                .param("versionId", entry.versionId())
                .param("digest", entry.digest())
                .param("tags", StoredTags.encode(entry.tags()))
                .param("outcome", entry.outcome().name())
                .param("detail", entry.detail())
                .param("jobId", entry.jobId()));
        return new AuditEntry(id, occurredAt, entry.actor(), entry.action(), entry.owner(), entry.packageName(),
                entry.versionId(), entry.digest(), entry.tags(), entry.outcome(), entry.detail(), entry.jobId());
    }

    /** One page of matching entries, newest first, with the number of all matches. */
    @Transactional(readOnly = true)
    public AuditPage search(AuditQuery query) {
        Filter filter = Filter.of(query);
        long total = jdbc.sql("SELECT COUNT(*) FROM audit_entry" + filter.where())
                .params(filter.params())
                .query(Long.class)
                .single();
        List<AuditEntry> entries = jdbc.sql("SELECT " + COLUMNS + " FROM audit_entry" + filter.where()
                        + " ORDER BY occurred_at DESC, id DESC LIMIT :limit OFFSET :offset")
                .params(filter.params())
                .param("limit", query.size())
                .param("offset", (long) (query.page() - 1) * query.size())
                .query((rs, row) -> map(rs))
                .list();
        return new AuditPage(entries, query.page(), query.size(), total);
    }

    /**
     * Writes every matching entry (not just one page), newest first, as RFC 4180 CSV with a header
     * row. Rows are written as they are read; cells that a spreadsheet would run as a formula are
     * neutralised.
     *
     * @throws UncheckedIOException if {@code out} fails
     */
    @Transactional(readOnly = true)
    public void exportCsv(AuditQuery query, Writer out) {
        Filter filter = Filter.of(query);
        var csv = new CsvWriter(out);
        try {
            csv.row(List.of("id", "occurred_at", "actor", "action", "owner", "package", "version_id", "digest", "tags",
                    "outcome", "detail", "job_id"));
            jdbc.sql("SELECT " + COLUMNS + " FROM audit_entry" + filter.where() + " ORDER BY occurred_at DESC, id DESC")
                    .withFetchSize(EXPORT_FETCH_SIZE)
                    .params(filter.params())
                    .query(rs -> {
                        AuditEntry e = map(rs);
                        try {
                            csv.row(Arrays.asList(String.valueOf(e.id()), e.occurredAt().toString(), e.actor(),
                                    e.action().name(), e.owner(), e.packageName(), toText(e.versionId()), e.digest(),
                                    String.join(" ", e.tags()), e.outcome().name(), e.detail(), e.jobId()));
                        } catch (IOException ex) {
                            throw new UncheckedIOException(ex);
                        }
                    });
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether anything was ever recorded for these owners: tells "nothing yet" apart from "nothing matches". */
    boolean isEmpty(AuditQuery scope) {
        Filter filter = Filter.of(AuditQuery.all().readableBy(scope.readableOwners()));
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry" + filter.where()).params(filter.params()).query(Long.class).single() == 0;
    }

    /** Values seen so far, offered as suggestions so that exact-match filters are easy to fill in. */
    record KnownValues(List<String> owners, List<String> packages, List<String> actors) {
    }

    /** Suggestions drawn only from the entries of the owners in {@code scope}: they must not name anyone else's. */
    @Transactional(readOnly = true)
    KnownValues knownValues(AuditQuery scope) {
        Filter filter = Filter.of(AuditQuery.all().readableBy(scope.readableOwners()));
        return new KnownValues(distinct("owner", filter), distinct("package_name", filter), distinct("actor", filter));
    }

    // Column names come from the fixed list above, never from a request.
    private List<String> distinct(String column, Filter filter) {
        return jdbc.sql("SELECT DISTINCT " + column + " FROM audit_entry" + filter.where() + " ORDER BY " + column
                        + " LIMIT " + MAX_SUGGESTIONS)
                .params(filter.params())
                .query(String.class)
                .list();
    }

    private static AuditEntry map(ResultSet rs) throws SQLException {
        return new AuditEntry(
                rs.getLong("id"),
                Timestamps.read(rs, "occurred_at"),
                rs.getString("actor"),
                AuditAction.valueOf(rs.getString("action")),
                rs.getString("owner"),
                rs.getString("package_name"),
                rs.getObject("version_id", Long.class),
                rs.getString("digest"),
                StoredTags.decode(rs.getString("tags")),
                AuditOutcome.valueOf(rs.getString("outcome")),
                rs.getString("detail"),
                rs.getString("job_id"));
    }

    private static String toText(Long value) {
        return value == null ? null : value.toString();
    }

    private record Filter(String where, Map<String, Object> params) {

        static Filter of(AuditQuery query) {
            List<String> conditions = new ArrayList<>();
            Map<String, Object> params = new LinkedHashMap<>();
            add(conditions, params, "owner = :owner", "owner", query.owner());
            add(conditions, params, "package_name = :packageName", "packageName", query.packageName());
            add(conditions, params, "actor = :actor", "actor", query.actor());
            add(conditions, params, "action = :action", "action", query.action() == null ? null : query.action().name());
            add(conditions, params, "occurred_at >= :from", "from", startOfDay(query.from()));
            add(conditions, params, "occurred_at < :until", "until", startOfDay(query.to() == null ? null : query.to().plusDays(1)));
            if (query.readableOwners() != null) {
                if (query.readableOwners().isEmpty()) {
                    conditions.add("1 = 0");
                } else {
                    add(conditions, params, "LOWER(owner) IN (:readableOwners)", "readableOwners",
                            query.readableOwners().stream().sorted().toList());
                }
            }
            String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
            return new Filter(where, Map.copyOf(params));
        }

        private static void add(List<String> conditions, Map<String, Object> params, String condition, String name,
                                Object value) {
            if (value != null) {
                conditions.add(condition);
                params.put(name, value);
            }
        }

        private static OffsetDateTime startOfDay(LocalDate day) {
            return day == null ? null : Timestamps.column(day.atStartOfDay().toInstant(ZoneOffset.UTC));
        }
    }
}
