package dev.ghcrdashboard.notifications;

import dev.ghcrdashboard.persistence.GeneratedIds;
import dev.ghcrdashboard.persistence.Timestamps;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The webhooks of each owner. */
@Repository
class WebhookStore {

    private final JdbcClient jdbc;

    WebhookStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String owner, Long policyId, URI url, WebhookFormat format, String createdBy, Instant createdAt) {
        return GeneratedIds.insert(jdbc.sql(
                "INSERT INTO webhook (owner, policy_id, url, format, created_by, created_at)"
                        + " VALUES (:owner, :policy, :url, :format, :by, :at)")
                .param("owner", owner).param("policy", policyId).param("url", url.toString())
                .param("format", format.name()).param("by", createdBy).param("at", Timestamps.column(createdAt)));
    }

    List<Webhook> ofOwner(String owner) {
        return jdbc.sql("SELECT * FROM webhook WHERE LOWER(owner) = LOWER(:owner) ORDER BY id")
                .param("owner", owner)
                .query(WebhookStore::map)
                .list();
    }

    Optional<Webhook> find(long id) {
        return jdbc.sql("SELECT * FROM webhook WHERE id = :id").param("id", id).query(WebhookStore::map).optional();
    }

    private static Webhook map(ResultSet rs, int row) throws SQLException {
        return new Webhook(rs.getLong("id"), rs.getString("owner"), rs.getObject("policy_id", Long.class),
                URI.create(rs.getString("url")), WebhookFormat.valueOf(rs.getString("format")), rs.getString("created_by"),
                Timestamps.read(rs, "created_at"));
    }

    boolean delete(String owner, long id) {
        return jdbc.sql("DELETE FROM webhook WHERE LOWER(owner) = LOWER(:owner) AND id = :id")
                .param("owner", owner).param("id", id).update() == 1;
    }
}
