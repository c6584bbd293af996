package dev.ghcrdashboard.visibility;

import dev.ghcrdashboard.github.OwnerType;
import dev.ghcrdashboard.github.Visibility;
import dev.ghcrdashboard.persistence.GeneratedIds;
import dev.ghcrdashboard.persistence.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
class QueueRepository {

    private final JdbcClient jdbc;
    private final ChangeRepository changes;

    QueueRepository(JdbcClient jdbc, ChangeRepository changes) {
        this.jdbc = jdbc;
        this.changes = changes;
    }

    @Transactional
    public long create(String ownerLogin, OwnerType ownerType, String personLogin, Visibility target,
                       List<String> packageNames, Instant now) {
        long id = GeneratedIds.insert(jdbc.sql("""
                INSERT INTO visibility_queue (owner_login, owner_type, person_login, target, created_at)
                VALUES (:owner, :ownerType, :person, :target, :createdAt)""")
                .param("owner", ownerLogin)
                .param("ownerType", ownerType.name())
                .param("person", personLogin)
                .param("target", target.name())
                .param("createdAt", Timestamps.column(now)));
        int seq = 0;
        for (String name : packageNames) {
            jdbc.sql("INSERT INTO visibility_queue_item (queue_id, seq, package_name) VALUES (:id, :seq, :name)")
                    .param("id", id).param("seq", seq++).param("name", name).update();
        }
        return id;
    }

    Optional<GuidedQueue> find(long id) {
        return jdbc.sql("SELECT * FROM visibility_queue WHERE id = :id").param("id", id)
                .query((rs, row) -> new GuidedQueue(rs.getLong("id"), rs.getString("owner_login"),
                        OwnerType.valueOf(rs.getString("owner_type")), rs.getString("person_login"),
                        Visibility.valueOf(rs.getString("target")), Timestamps.read(rs, "created_at"),
                        Timestamps.read(rs, "closed_at"), List.of()))
                .optional()
                .map(queue -> new GuidedQueue(queue.id(), queue.ownerLogin(), queue.ownerType(), queue.personLogin(),
                        queue.target(), queue.createdAt(), queue.closedAt(), items(queue.id())));
    }

    private List<GuidedQueue.Item> items(long queueId) {
        record Row(int seq, String name, Long changeId, boolean skipped) {
        }
        List<Row> rows = jdbc.sql("SELECT * FROM visibility_queue_item WHERE queue_id = :id ORDER BY seq")
                .param("id", queueId)
                .query((rs, row) -> {
                    long changeId = rs.getLong("change_id");
                    return new Row(rs.getInt("seq"), rs.getString("package_name"), rs.wasNull() ? null : changeId,
                            rs.getBoolean("skipped"));
                })
                .list();
        List<GuidedQueue.Item> items = new ArrayList<>();
        for (Row row : rows) {
            VisibilityChange change = row.changeId() == null ? null : changes.find(row.changeId()).orElse(null);
            items.add(new GuidedQueue.Item(row.seq(), row.name(), change, row.skipped()));
        }
        return items;
    }

    /** Open queues of a person for an owner, newest first: what "resume" offers. */
    List<Long> openQueueIds(String personLogin, String ownerLogin) {
        return jdbc.sql("""
                SELECT id FROM visibility_queue WHERE person_login = :person AND owner_login = :owner
                AND closed_at IS NULL ORDER BY id DESC""")
                .param("person", personLogin).param("owner", ownerLogin)
                .query(Long.class).list();
    }

    void attachChange(long queueId, int seq, long changeId) {
        jdbc.sql("UPDATE visibility_queue_item SET change_id = :change, skipped = FALSE WHERE queue_id = :id AND seq = :seq")
                .param("change", changeId).param("id", queueId).param("seq", seq).update();
    }

    void skip(long queueId, int seq) {
        jdbc.sql("UPDATE visibility_queue_item SET skipped = TRUE WHERE queue_id = :id AND seq = :seq")
                .param("id", queueId).param("seq", seq).update();
    }

    void close(long queueId, Instant now) {
        jdbc.sql("UPDATE visibility_queue SET closed_at = :now WHERE id = :id AND closed_at IS NULL")
                .param("now", Timestamps.column(now)).param("id", queueId).update();
    }
}
