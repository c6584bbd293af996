package dev.ghcrdashboard.visibility;

import dev.ghcrdashboard.github.OwnerType;
import dev.ghcrdashboard.github.Visibility;
import dev.ghcrdashboard.persistence.GeneratedIds;
import dev.ghcrdashboard.persistence.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ChangeRepository {

    private static final String COLUMNS = "id, owner_login, owner_type, package_name, target, state, requested_by, "
            + "started_at, deadline, last_reported, last_polled_at, reported_at, proof_pullable, proof_detail, "
            + "proof_checked_at, finished_at, finished_by";

    private final JdbcClient jdbc;

    ChangeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    VisibilityChange insert(VisibilityChange change) {
        long id = GeneratedIds.insert(jdbc.sql("""
                INSERT INTO visibility_change (owner_login, owner_type, package_name, target, state, requested_by,
                    started_at, deadline)
                VALUES (:owner, :ownerType, :name, :target, :state, :requestedBy, :startedAt, :deadline)""")
                .param("owner", change.ownerLogin())
                .param("ownerType", change.ownerType().name())
                .param("name", change.packageName())
                .param("target", change.target().name())
                .param("state", change.state().name())
                .param("requestedBy", change.requestedBy())
                .param("startedAt", Timestamps.column(change.startedAt()))
                .param("deadline", Timestamps.column(change.deadline())));
        return change.withId(id);
    }

    /**
     * Stores the next version of a change, but only if it is still waiting: when two instances (or the
     * watcher and a cancel) race, exactly one transition wins and only the winner publishes an event.
     */
    boolean updateIfWaiting(VisibilityChange next) {
        PullProof proof = next.proof();
        return jdbc.sql("""
                UPDATE visibility_change SET state = :state, last_reported = :lastReported,
                    last_polled_at = :lastPolledAt, reported_at = :reportedAt, proof_pullable = :pullable,
                    proof_detail = :detail, proof_checked_at = :checkedAt, finished_at = :finishedAt,
                    finished_by = :finishedBy
                WHERE id = :id AND state = 'WAITING'""")
                .param("state", next.state().name())
                .param("lastReported", next.lastReported() == null ? null : next.lastReported().name())
                .param("lastPolledAt", Timestamps.column(next.lastPolledAt()))
                .param("reportedAt", Timestamps.column(next.reportedAt()))
                .param("pullable", proof == null ? null : proof.pullable())
                .param("detail", proof == null ? null : proof.detail())
                .param("checkedAt", proof == null ? null : Timestamps.column(proof.checkedAt()))
                .param("finishedAt", Timestamps.column(next.finishedAt()))
                .param("finishedBy", next.finishedBy())
                .param("id", next.id())
                .update() == 1;
    }

    Optional<VisibilityChange> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM visibility_change WHERE id = :id")
                .param("id", id).query(ChangeRepository::map).optional();
    }

    /** Waiting changes, least recently polled first, so a big backlog is served round-robin. */
    List<VisibilityChange> waiting(int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM visibility_change WHERE state = 'WAITING' "
                        + "ORDER BY last_polled_at NULLS FIRST, id FETCH FIRST :limit ROWS ONLY")
                .param("limit", limit).query(ChangeRepository::map).list();
    }

    Optional<VisibilityChange> waitingFor(String ownerLogin, String packageName) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM visibility_change WHERE owner_login = :owner "
                        + "AND package_name = :name AND state = 'WAITING' ORDER BY id DESC FETCH FIRST 1 ROWS ONLY")
                .param("owner", ownerLogin).param("name", packageName)
                .query(ChangeRepository::map).optional();
    }

    private static VisibilityChange map(ResultSet rs, int row) throws SQLException {
        Boolean pullable = readBoolean(rs, "proof_pullable");
        PullProof proof = pullable == null ? null
                : new PullProof(pullable, rs.getString("proof_detail"), Timestamps.read(rs, "proof_checked_at"));
        String lastReported = rs.getString("last_reported");
        return new VisibilityChange(
                rs.getLong("id"),
                rs.getString("owner_login"),
                OwnerType.valueOf(rs.getString("owner_type")),
                rs.getString("package_name"),
                Visibility.valueOf(rs.getString("target")),
                ChangeState.valueOf(rs.getString("state")),
                rs.getString("requested_by"),
                Timestamps.read(rs, "started_at"),
                Timestamps.read(rs, "deadline"),
                lastReported == null ? null : Visibility.valueOf(lastReported),
                Timestamps.read(rs, "last_polled_at"),
                Timestamps.read(rs, "reported_at"),
                proof,
                Timestamps.read(rs, "finished_at"),
                rs.getString("finished_by"));
    }

    private static Boolean readBoolean(ResultSet rs, String column) throws SQLException {
        boolean value = rs.getBoolean(column);
        return rs.wasNull() ? null : value;
    }
}
