package dev.ghcrdashboard.visibility;

import dev.ghcrdashboard.persistence.GeneratedIds;
import dev.ghcrdashboard.persistence.Timestamps;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RuleRepository {

    private final JdbcClient jdbc;

    RuleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return the new rule's id */
    long insert(VisibilityRule rule) {
        return GeneratedIds.insert(jdbc.sql("""
                INSERT INTO visibility_rule (owner_login, kind, pattern, created_by, created_at)
                VALUES (:owner, :kind, :pattern, :createdBy, :createdAt)""")
                .param("owner", rule.ownerLogin())
                .param("kind", rule.kind().name())
                .param("pattern", rule.pattern())
                .param("createdBy", rule.createdBy())
                .param("createdAt", Timestamps.column(rule.createdAt())));
    }

    List<VisibilityRule> forOwner(String ownerLogin) {
        return jdbc.sql("SELECT * FROM visibility_rule WHERE owner_login = :owner ORDER BY id")
                .param("owner", ownerLogin)
                .query((rs, row) -> new VisibilityRule(rs.getLong("id"), rs.getString("owner_login"),
                        RuleKind.valueOf(rs.getString("kind")), rs.getString("pattern"), rs.getString("created_by"),
                        Timestamps.read(rs, "created_at")))
                .list();
    }

    boolean delete(String ownerLogin, long id) {
        return jdbc.sql("DELETE FROM visibility_rule WHERE owner_login = :owner AND id = :id")
                .param("owner", ownerLogin).param("id", id).update() == 1;
    }
}
