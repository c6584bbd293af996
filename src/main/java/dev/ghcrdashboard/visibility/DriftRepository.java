package dev.ghcrdashboard.visibility;

import dev.ghcrdashboard.github.Visibility;
import dev.ghcrdashboard.persistence.Timestamps;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
class DriftRepository {

    private final JdbcClient jdbc;

    DriftRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Replaces the owner's latest run in one transaction, so a reader never sees half a report. */
    @Transactional
    public void replace(DriftRun run) {
        jdbc.sql("DELETE FROM visibility_drift_finding WHERE owner_login = :owner").param("owner", run.ownerLogin()).update();
        jdbc.sql("DELETE FROM visibility_drift_run WHERE owner_login = :owner").param("owner", run.ownerLogin()).update();
        jdbc.sql("""
                INSERT INTO visibility_drift_run (owner_login, checked_at, trigger_kind, package_count, finding_count,
                    dangerous_count)
                VALUES (:owner, :checkedAt, :trigger, :packages, :findings, :dangerous)""")
                .param("owner", run.ownerLogin())
                .param("checkedAt", Timestamps.column(run.checkedAt()))
                .param("trigger", run.trigger())
                .param("packages", run.packageCount())
                .param("findings", run.findings().size())
                .param("dangerous", (int) run.dangerous())
                .update();
        int seq = 0;
        for (DriftFinding finding : run.findings()) {
            jdbc.sql("""
                    INSERT INTO visibility_drift_finding (owner_login, seq, package_name, severity, reason, target)
                    VALUES (:owner, :seq, :name, :severity, :reason, :target)""")
                    .param("owner", run.ownerLogin())
                    .param("seq", seq++)
                    .param("name", finding.packageName())
                    .param("severity", finding.severity().name())
                    .param("reason", finding.reason())
                    .param("target", finding.target().name())
                    .update();
        }
    }

    Optional<DriftRun> latest(String ownerLogin) {
        List<DriftFinding> findings = jdbc.sql(
                        "SELECT * FROM visibility_drift_finding WHERE owner_login = :owner ORDER BY seq")
                .param("owner", ownerLogin)
                .query((rs, row) -> new DriftFinding(rs.getString("package_name"),
                        DriftFinding.Severity.valueOf(rs.getString("severity")), rs.getString("reason"), null,
                        Visibility.valueOf(rs.getString("target"))))
                .list();
        return jdbc.sql("SELECT * FROM visibility_drift_run WHERE owner_login = :owner")
                .param("owner", ownerLogin)
                .query((rs, row) -> new DriftRun(rs.getString("owner_login"), Timestamps.read(rs, "checked_at"),
                        rs.getString("trigger_kind"), rs.getInt("package_count"), findings))
                .optional();
    }
}
