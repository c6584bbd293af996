package dev.ghcrdashboard.policies;

import dev.ghcrdashboard.cleanup.RuleGroupForm;
import dev.ghcrdashboard.persistence.GeneratedIds;
import dev.ghcrdashboard.persistence.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The policies of each owner, with the sealed token each runs with. */
@Repository
class PolicyStore {

    private static final String COLUMNS = "id, owner, name, scope_kind, scope_value, rules, schedule, mode, share_threshold, run_as,"
            + " run_as_scopes, next_run_at, updated_by, updated_at";

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.shared();

    PolicyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A policy to write, and who is writing it (whose token it then runs with). */
    record Write(String owner, PolicyForm.Settings settings, PolicyMode mode, String by, Set<String> scopes, String sealedToken,
                 Instant nextRunAt, Instant at) {
    }

    long insert(Write write) {
        return GeneratedIds.insert(jdbc.sql("INSERT INTO retention_policy (owner, name, scope_kind, scope_value, rules, schedule,"
                        + " mode, share_threshold, run_as, run_as_scopes, encrypted_token, next_run_at, created_by, created_at,"
                        + " updated_by, updated_at)"
                        + " VALUES (:owner, :name, :scopeKind, :scopeValue, :rules, :schedule, :mode, :threshold, :by, :scopes,"
                        + " :token, :next, :by, :at, :by, :at)")
                .paramSource(params(write)));
    }

    void update(long id, Write write) {
        jdbc.sql("UPDATE retention_policy SET name = :name, scope_kind = :scopeKind, scope_value = :scopeValue, rules = :rules,"
                        + " schedule = :schedule, mode = :mode, share_threshold = :threshold, run_as = :by, run_as_scopes = :scopes,"
                        + " encrypted_token = :token, next_run_at = :next, updated_by = :by, updated_at = :at"
                        + " WHERE id = :id AND LOWER(owner) = LOWER(:owner)")
                .paramSource(params(write))
                .param("id", id)
                .update();
    }

    private Map<String, Object> params(Write write) {
        var params = new HashMap<String, Object>();
        params.put("owner", write.owner());
        params.put("name", write.settings().name());
        params.put("scopeKind", write.settings().scope().kind().name());
        params.put("scopeValue", write.settings().scope().value());
        params.put("rules", json.writeValueAsString(write.settings().groups()));
        params.put("schedule", write.settings().schedule().text());
        params.put("mode", write.mode().name());
        params.put("threshold", write.settings().shareThreshold());
        params.put("by", write.by());
        params.put("scopes", String.join(" ", new TreeSet<>(write.scopes())));
        params.put("token", write.sealedToken());
        params.put("next", Timestamps.column(write.nextRunAt()));
        params.put("at", Timestamps.column(write.at()));
        return params;
    }

    /** Switches the mode; the person switching becomes the one the policy runs as. */
    void switchMode(long id, PolicyMode mode, String by, Set<String> scopes, String sealedToken, Instant at) {
        jdbc.sql("UPDATE retention_policy SET mode = :mode, run_as = :by, run_as_scopes = :scopes, encrypted_token = :token,"
                        + " updated_by = :by, updated_at = :at WHERE id = :id")
                .param("mode", mode.name()).param("by", by).param("scopes", String.join(" ", new TreeSet<>(scopes)))
                .param("token", sealedToken).param("at", Timestamps.column(at)).param("id", id)
                .update();
    }

    /** Removes the policy with its runs; cleanup jobs it started go on and stay in the audit log. */
    boolean delete(String owner, long id) {
        return jdbc.sql("DELETE FROM retention_policy WHERE id = :id AND LOWER(owner) = LOWER(:owner)")
                .param("id", id).param("owner", owner).update() == 1;
    }

    List<RetentionPolicy> ofOwner(String owner) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM retention_policy WHERE LOWER(owner) = LOWER(:owner) ORDER BY LOWER(name)")
                .param("owner", owner).query(this::policy).list();
    }

    Optional<RetentionPolicy> find(String owner, long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM retention_policy WHERE id = :id AND LOWER(owner) = LOWER(:owner)")
                .param("id", id).param("owner", owner).query(this::policy).optional();
    }

    Optional<RetentionPolicy> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM retention_policy WHERE id = :id").param("id", id).query(this::policy).optional();
    }

    Optional<Long> idByName(String owner, String name) {
        return jdbc.sql("SELECT id FROM retention_policy WHERE LOWER(owner) = LOWER(:owner) AND name = :name")
                .param("owner", owner).param("name", name).query(Long.class).optional();
    }

    Optional<String> sealedToken(long id) {
        return jdbc.sql("SELECT encrypted_token FROM retention_policy WHERE id = :id").param("id", id).query(String.class).optional();
    }

    /** Policies whose next run is due at {@code now}, with the due time each was read with (what a claim compares). */
    List<Due> due(Instant now) {
        return jdbc.sql("SELECT id, next_run_at FROM retention_policy WHERE next_run_at <= :now ORDER BY next_run_at")
                .param("now", Timestamps.column(now))
                .query((rs, row) -> new Due(rs.getLong(1), Timestamps.read(rs, 2))).list();
    }

    record Due(long policyId, Instant nextRunAt) {
    }

    /**
     * Moves a due policy on to its following run time. The WHERE on the due time read is the lock: of two instances
     * claiming one due run, only one sees its update count as 1, and only that one starts the run.
     */
    boolean claim(Due due, Instant following) {
        return jdbc.sql("UPDATE retention_policy SET next_run_at = :following WHERE id = :id AND next_run_at = :due")
                .param("following", Timestamps.column(following))
                .param("id", due.policyId())
                .param("due", Timestamps.column(due.nextRunAt()))
                .update() == 1;
    }

    private RetentionPolicy policy(ResultSet rs, int row) throws SQLException {
        String scopes = rs.getString("run_as_scopes");
        return new RetentionPolicy(rs.getLong("id"), rs.getString("owner"), rs.getString("name"),
                new PolicyScope(PolicyScope.Kind.valueOf(rs.getString("scope_kind")), rs.getString("scope_value")),
                Arrays.asList(json.readValue(rs.getString("rules"), RuleGroupForm[].class)),
                new Schedule(rs.getString("schedule")), PolicyMode.valueOf(rs.getString("mode")), rs.getInt("share_threshold"),
                rs.getString("run_as"), scopes.isBlank() ? Set.of() : Set.of(scopes.split(" ")),
                Timestamps.read(rs, "next_run_at"), rs.getString("updated_by"), Timestamps.read(rs, "updated_at"));
    }
}
