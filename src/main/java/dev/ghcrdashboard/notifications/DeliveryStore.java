package dev.ghcrdashboard.notifications;

import dev.ghcrdashboard.persistence.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Deliveries: written when a notification is sent, claimed and updated by the dispatcher. */
@Repository
class DeliveryStore {

    private final JdbcClient jdbc;

    DeliveryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void enqueue(long webhookId, String event, String title, String body, Instant now) {
        jdbc.sql("INSERT INTO webhook_delivery (webhook_id, event, title, body, state, attempts, next_attempt_at, created_at)"
                        + " VALUES (:webhook, :event, :title, :body, 'PENDING', 0, :now, :now)")
                .param("webhook", webhookId).param("event", event).param("title", title).param("body", body)
                .param("now", Timestamps.column(now))
                .update();
    }

    /** Ids of deliveries due now that no instance holds. */
    List<Long> due(Instant now, int limit) {
        return jdbc.sql("SELECT id FROM webhook_delivery WHERE state = 'PENDING' AND next_attempt_at <= :now"
                        + " AND (claimed_until IS NULL OR claimed_until < :now) ORDER BY next_attempt_at, id LIMIT :limit")
                .param("now", Timestamps.column(now)).param("limit", limit)
                .query(Long.class).list();
    }

    /** Takes a due delivery for {@code lease}; empty when another instance took it first. */
    Optional<Delivery> claim(long id, Instant now, Duration lease) {
        int claimed = jdbc.sql("UPDATE webhook_delivery SET claimed_until = :until WHERE id = :id AND state = 'PENDING'"
                        + " AND (claimed_until IS NULL OR claimed_until < :now)")
                .param("until", Timestamps.column(now.plus(lease))).param("id", id).param("now", Timestamps.column(now))
                .update();
        return claimed == 1 ? find(id) : Optional.empty();
    }

    void delivered(long id, int attempts, int status, Instant now) {
        jdbc.sql("UPDATE webhook_delivery SET state = 'DELIVERED', attempts = :attempts, last_status = :status,"
                        + " last_error = NULL, claimed_until = NULL, finished_at = :now WHERE id = :id")
                .param("attempts", attempts).param("status", status).param("now", Timestamps.column(now)).param("id", id)
                .update();
    }

    void failed(long id, int attempts, Integer status, String error, Instant nextAttempt, boolean givenUp, Instant now) {
        jdbc.sql("UPDATE webhook_delivery SET state = :state, attempts = :attempts, last_status = :status,"
                        + " last_error = :error, next_attempt_at = :next, claimed_until = NULL, finished_at = :finished"
                        + " WHERE id = :id")
                .param("state", givenUp ? "FAILED" : "PENDING").param("attempts", attempts).param("status", status)
                .param("error", error).param("next", Timestamps.column(nextAttempt))
                .param("finished", givenUp ? Timestamps.column(now) : null).param("id", id)
                .update();
    }

    Optional<Delivery> find(long id) {
        return jdbc.sql("SELECT * FROM webhook_delivery WHERE id = :id").param("id", id).query(DeliveryStore::map).optional();
    }

    List<Delivery> recent(long webhookId, int limit) {
        return jdbc.sql("SELECT * FROM webhook_delivery WHERE webhook_id = :webhook ORDER BY created_at DESC, id DESC LIMIT :limit")
                .param("webhook", webhookId).param("limit", limit)
                .query(DeliveryStore::map).list();
    }

    private static Delivery map(ResultSet rs, int row) throws SQLException {
        return new Delivery(rs.getLong("id"), rs.getLong("webhook_id"), rs.getString("event"), rs.getString("title"),
                rs.getString("body"), Delivery.State.valueOf(rs.getString("state")), rs.getInt("attempts"),
                Timestamps.read(rs, "next_attempt_at"), rs.getObject("last_status", Integer.class),
                rs.getString("last_error"), Timestamps.read(rs, "created_at"), Timestamps.read(rs, "finished_at"));
    }
}
