package dev.ghcrdashboard.policies;

import dev.ghcrdashboard.cleanup.RulePlans;
import dev.ghcrdashboard.common.StoredTags;
import dev.ghcrdashboard.persistence.GeneratedIds;
import dev.ghcrdashboard.persistence.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Runs of policies: each run, its packages and a dry run's per-version report. */
@Repository
class PolicyRuns {

    private final JdbcClient jdbc;

    PolicyRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long start(long policyId, String cause, PolicyMode mode, String startedBy, Instant at) {
        return GeneratedIds.insert(jdbc.sql("INSERT INTO policy_run (policy_id, cause, mode, status, started_by, started_at)"
                        + " VALUES (:policy, :cause, :mode, 'RUNNING', :by, :at)")
                .param("policy", policyId).param("cause", cause).param("mode", mode.name()).param("by", startedBy)
                .param("at", Timestamps.column(at)));
    }

    void end(long runId, PolicyRun.Status status, String reason, Instant at) {
        jdbc.sql("UPDATE policy_run SET status = :status, reason = :reason, finished_at = :at WHERE id = :id")
                .param("status", status.name()).param("reason", reason)
                .param("at", status == PolicyRun.Status.WAITING_FOR_APPROVAL || status == PolicyRun.Status.CLEANING_UP ? null
                        : Timestamps.column(at)).param("id", runId)
                .update();
    }

    /**
     * Ends runs still planning long after they started: the instance that ran them stopped (a run plans in memory and
     * has no lease). A run that was only slow and ends later records its real outcome over this one.
     *
     * @return how many runs were ended
     */
    int failAbandoned(Instant startedBefore, Instant now) {
        return jdbc.sql("UPDATE policy_run SET status = 'FAILED', finished_at = :now, reason = :reason"
                        + " WHERE status = 'RUNNING' AND started_at < :before")
                .param("now", Timestamps.column(now)).param("before", Timestamps.column(startedBefore))
                .param("reason", "The run did not end: the instance running it stopped. The next run plans again.")
                .update();
    }

    void recordPackage(long runId, RulePlans.PackagePlan plan, RunPackage.Status status, String jobId, String message, Instant at) {
        jdbc.sql("INSERT INTO policy_run_package (run_id, package_name, status, versions_total, package_bytes, versions_deleted,"
                        + " tags_removed, reclaimed_bytes, kept, job_id, message, planned_at) VALUES (:run, :name, :status, :total,"
                        + " :bytes, :deleted, :tags, :reclaimed, :kept, :job, :message, :at)")
                .param("run", runId).param("name", plan.packageName()).param("status", status.name())
                .param("total", plan.versionsTotal()).param("bytes", plan.packageBytes()).param("deleted", plan.versionsDeleted())
                .param("tags", plan.tagsRemoved()).param("reclaimed", plan.reclaimedBytes()).param("kept", plan.kept())
                .param("job", jobId).param("message", message).param("at", Timestamps.column(at))
                .update();
    }

    /** A package the run could not plan: no figures. */
    void recordFailure(long runId, String packageName, String message, Instant at) {
        jdbc.sql("INSERT INTO policy_run_package (run_id, package_name, status, versions_total, package_bytes, versions_deleted,"
                        + " tags_removed, reclaimed_bytes, kept, message, planned_at) VALUES (:run, :name, 'FAILED', 0, 0, 0, 0, 0, 0,"
                        + " :message, :at)")
                .param("run", runId).param("name", packageName).param("message", message).param("at", Timestamps.column(at))
                .update();
    }

    /** Replaces a waiting package's outcome; false when it was no longer waiting (another admin decided first). */
    boolean decide(long runId, String packageName, RulePlans.PackagePlan plan, RunPackage.Status status, String jobId, String message) {
        return jdbc.sql("UPDATE policy_run_package SET status = :status, job_id = :job, message = :message,"
                        + " versions_total = :total, package_bytes = :bytes, versions_deleted = :deleted, tags_removed = :tags,"
                        + " reclaimed_bytes = :reclaimed, kept = :kept"
                        + " WHERE run_id = :run AND package_name = :name AND status = 'WAITING_FOR_APPROVAL'")
                .param("status", status.name()).param("job", jobId).param("message", message)
                .param("total", plan.versionsTotal()).param("bytes", plan.packageBytes()).param("deleted", plan.versionsDeleted())
                .param("tags", plan.tagsRemoved()).param("reclaimed", plan.reclaimedBytes()).param("kept", plan.kept())
                .param("run", runId).param("name", packageName)
                .update() == 1;
    }

    /** The policy a run belongs to. */
    Optional<Long> policyOf(long runId) {
        return jdbc.sql("SELECT policy_id FROM policy_run WHERE id = :id").param("id", runId).query(Long.class).optional();
    }

    /** Records the end of a package's cleanup job; the run it belongs to, if a run started that job. */
    Optional<Long> jobEnded(String jobId, String message) {
        Optional<Long> runId = jdbc.sql("SELECT run_id FROM policy_run_package WHERE job_id = :job AND status = 'STARTED'")
                .param("job", jobId).query(Long.class).optional();
        runId.ifPresent(run -> jdbc.sql("UPDATE policy_run_package SET status = 'CLEANED', message = :message"
                        + " WHERE run_id = :run AND job_id = :job AND status = 'STARTED'")
                .param("message", message).param("run", run).param("job", jobId).update());
        return runId;
    }

    /**
     * Finishes a run whose cleanup jobs all ended; false when it is not cleaning up any more (another instance's
     * listener, or the run's own end, finished it first), so a run is reported finished once.
     */
    boolean finishCleanedUp(long runId, String reason, Instant at) {
        return jdbc.sql("UPDATE policy_run SET status = 'FINISHED', reason = :reason, finished_at = :at WHERE id = :id AND status = 'CLEANING_UP'"
                        + " AND NOT EXISTS (SELECT 1 FROM policy_run_package WHERE run_id = :id AND status IN ('STARTED', 'WAITING_FOR_APPROVAL'))")
                .param("reason", reason).param("at", Timestamps.column(at)).param("id", runId)
                .update() == 1;
    }

    boolean skip(long runId, String packageName, String message) {
        return jdbc.sql("UPDATE policy_run_package SET status = 'SKIPPED', message = :message"
                        + " WHERE run_id = :run AND package_name = :name AND status = 'WAITING_FOR_APPROVAL'")
                .param("message", message).param("run", runId).param("name", packageName)
                .update() == 1;
    }

    void recordItems(long runId, String packageName, List<RulePlans.ReportLine> lines) {
        int seq = 0;
        for (RulePlans.ReportLine line : lines) {
            jdbc.sql("INSERT INTO policy_run_item (run_id, package_name, seq, action, version_id, digest, tags, why)"
                            + " VALUES (:run, :name, :seq, :action, :version, :digest, :tags, :why)")
                    .param("run", runId).param("name", packageName).param("seq", seq++).param("action", line.action())
                    .param("version", line.versionId()).param("digest", line.digest()).param("tags", StoredTags.encode(line.tags()))
                    .param("why", line.why())
                    .update();
        }
    }

    Optional<PolicyRun> find(long policyId, long runId) {
        return jdbc.sql("SELECT * FROM policy_run WHERE id = :id AND policy_id = :policy").param("id", runId).param("policy", policyId)
                .query(PolicyRuns::run).optional();
    }

    List<PolicyRun> recent(long policyId, int limit) {
        return jdbc.sql("SELECT * FROM policy_run WHERE policy_id = :policy ORDER BY started_at DESC, id DESC LIMIT :limit")
                .param("policy", policyId).param("limit", limit).query(PolicyRuns::run).list();
    }

    List<RunPackage> packages(long runId) {
        return jdbc.sql("SELECT * FROM policy_run_package WHERE run_id = :run ORDER BY package_name")
                .param("run", runId).query(PolicyRuns::runPackage).list();
    }

    /** Every run's record of each package of the policy, oldest first: what the charts draw. */
    List<RunPackage> history(long policyId, int runs) {
        return jdbc.sql("SELECT p.* FROM policy_run_package p JOIN policy_run r ON r.id = p.run_id WHERE r.policy_id = :policy"
                        + " AND p.status <> 'FAILED' AND r.id IN (SELECT id FROM policy_run WHERE policy_id = :policy"
                        + " ORDER BY started_at DESC, id DESC LIMIT :runs) ORDER BY p.planned_at, p.run_id")
                .param("policy", policyId).param("runs", runs).query(PolicyRuns::runPackage).list();
    }

    List<RunItem> items(long runId) {
        return jdbc.sql("SELECT * FROM policy_run_item WHERE run_id = :run ORDER BY package_name, seq")
                .param("run", runId)
                .query((rs, row) -> new RunItem(rs.getString("package_name"), rs.getInt("seq"), rs.getString("action"),
                        rs.getLong("version_id"), rs.getString("digest"), StoredTags.decode(rs.getString("tags")), rs.getString("why")))
                .list();
    }

    private static PolicyRun run(ResultSet rs, int row) throws SQLException {
        return new PolicyRun(rs.getLong("id"), rs.getLong("policy_id"), rs.getString("cause"), PolicyMode.valueOf(rs.getString("mode")),
                PolicyRun.Status.valueOf(rs.getString("status")), rs.getString("started_by"), rs.getString("reason"),
                Timestamps.read(rs, "started_at"), Timestamps.read(rs, "finished_at"));
    }

    private static RunPackage runPackage(ResultSet rs, int row) throws SQLException {
        return new RunPackage(rs.getLong("run_id"), rs.getString("package_name"), RunPackage.Status.valueOf(rs.getString("status")),
                rs.getInt("versions_total"), rs.getLong("package_bytes"), rs.getInt("versions_deleted"), rs.getInt("tags_removed"),
                rs.getLong("reclaimed_bytes"), rs.getInt("kept"), rs.getString("job_id"), rs.getString("message"),
                Timestamps.read(rs, "planned_at"));
    }
}
