package dev.ghcrdashboard.cleanup;

import dev.ghcrdashboard.common.StoredTags;
import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.github.OwnerType;
import dev.ghcrdashboard.persistence.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/** Persistence of jobs, their items and the leases that decide which instance runs a job. */
@Component
class Jobs {

    private static final String JOB_COLUMNS =
            "id, kind, actor, owner, owner_type, package_name, status, cancel_requested, created_at, finished_at, report, policy_name";
    private static final String ITEM_COLUMNS = "i.job_id, i.seq, COALESCE(i.action, j.kind) AS action, i.version_id, i.digest, i.tags,"
            + " i.unit_digest, i.tag, i.previous_digest, i.placeholder_digest, i.placeholder_version_id, i.state, i.message, i.finished_at";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Jobs(JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /**
     * An item to create.
     *
     * @param action {@code null} for the job's own kind
     * @param tag for tag actions: the tag to put on or take off
     * @param previousDigest for moves: the image that has the tag now
     */
    record NewItem(JobKind action, long versionId, String digest, List<String> tags, String unitDigest, String tag, String previousDigest) {

        /** A delete or restore of one version. */
        NewItem(long versionId, String digest, List<String> tags, String unitDigest) {
            this(null, versionId, digest, tags, unitDigest, null, null);
        }
    }

    /** A version this dashboard deleted, as recorded by the job that deleted it. */
    record DeletedRecord(long versionId, String digest, List<String> tags, String unitDigest, String actor, String jobId,
                         int seq, Instant deletedAt) {
    }

    String create(JobKind kind, String actor, Owner owner, String packageName, List<NewItem> items, String sealedToken) {
        return create(kind, actor, owner, packageName, items, sealedToken, null);
    }

    /** @param policyName the retention policy that caused the job, or {@code null} when a person started it */
    String create(JobKind kind, String actor, Owner owner, String packageName, List<NewItem> items, String sealedToken,
                  String policyName) {
        String id = UUID.randomUUID().toString();
        transactions.executeWithoutResult(status -> {
            jdbc.sql("INSERT INTO cleanup_job (id, kind, actor, owner, owner_type, package_name, status, cancel_requested,"
                            + " encrypted_token, created_at, policy_name) VALUES (:id, :kind, :actor, :owner, :ownerType, :packageName,"
                            + " :status, FALSE, :token, :createdAt, :policyName)")
                    .param("id", id)
                    .param("kind", kind.name())
                    .param("actor", actor)
                    .param("owner", owner.login())
                    .param("ownerType", owner.type().name())
                    .param("packageName", packageName)
                    .param("status", JobStatus.QUEUED.name())
                    .param("token", sealedToken)
                    .param("createdAt", Timestamps.column(clock.instant()))
                    .param("policyName", policyName)
                    .update();
            int seq = 0;
            for (NewItem item : items) {
                jdbc.sql("INSERT INTO cleanup_job_item (job_id, seq, action, version_id, digest, tags, unit_digest, tag, previous_digest, state)"
                                + " VALUES (:jobId, :seq, :action, :versionId, :digest, :tags, :unitDigest, :tag, :previousDigest, :state)")
                        .param("jobId", id)
                        .param("seq", seq++)
                        .param("action", (item.action() == null ? kind : item.action()).name())
                        .param("tag", item.tag())
                        .param("previousDigest", item.previousDigest())
                        .param("versionId", item.versionId())
                        .param("digest", item.digest())
                        .param("tags", StoredTags.encode(item.tags()))
                        .param("unitDigest", item.unitDigest())
                        .param("state", ItemState.PENDING.name())
                        .update();
            }
        });
        return id;
    }

    Optional<Job> find(String id) {
        return jdbc.sql("SELECT " + JOB_COLUMNS + " FROM cleanup_job WHERE id = :id").param("id", id).query(Jobs::job).optional();
    }

    List<Job> recent(String owner, String packageName, int limit) {
        return jdbc.sql("SELECT " + JOB_COLUMNS + " FROM cleanup_job WHERE owner = :owner AND package_name = :packageName"
                        + " ORDER BY created_at DESC LIMIT :limit")
                .param("owner", owner).param("packageName", packageName).param("limit", limit).query(Jobs::job).list();
    }

    List<JobItem> items(String jobId) {
        return jdbc.sql("SELECT " + ITEM_COLUMNS + " FROM cleanup_job_item i JOIN cleanup_job j ON j.id = i.job_id"
                        + " WHERE i.job_id = :jobId ORDER BY i.seq")
                .param("jobId", jobId).query(Jobs::item).list();
    }

    Map<ItemState, Integer> counts(String jobId) {
        Map<ItemState, Integer> counts = new EnumMap<>(ItemState.class);
        jdbc.sql("SELECT state, COUNT(*) FROM cleanup_job_item WHERE job_id = :jobId GROUP BY state").param("jobId", jobId)
                .query(rs -> {
                    counts.put(ItemState.valueOf(rs.getString(1)), rs.getInt(2));
                });
        return counts;
    }

    /**
     * Claims the oldest runnable job whose lease is free or expired. The conditional UPDATE is the
     * lock: of two instances racing for one job, only one sees its update count as 1.
     */
    Optional<Job> claimNext(String instanceId, Duration lease) {
        Instant now = clock.instant();
        List<String> candidates = jdbc.sql("SELECT id FROM cleanup_job WHERE status IN ('QUEUED', 'RUNNING')"
                        + " AND (lease_until IS NULL OR lease_until < :now OR lease_owner = :instance) ORDER BY created_at")
                .param("now", Timestamps.column(now)).param("instance", instanceId).query(String.class).list();
        for (String id : candidates) {
            int claimed = jdbc.sql("UPDATE cleanup_job SET lease_owner = :instance, lease_until = :leaseUntil, status = 'RUNNING'"
                            + " WHERE id = :id AND status IN ('QUEUED', 'RUNNING')"
                            + " AND (lease_until IS NULL OR lease_until < :now OR lease_owner = :instance)")
                    .param("instance", instanceId)
                    .param("leaseUntil", Timestamps.column(now.plus(lease)))
                    .param("id", id)
                    .param("now", Timestamps.column(now))
                    .update();
            if (claimed == 1) {
                return find(id);
            }
        }
        return Optional.empty();
    }

    /** Renews the lease; false when another instance took the job over (this one must stop at once). */
    boolean heartbeat(String jobId, String instanceId, Duration lease) {
        return jdbc.sql("UPDATE cleanup_job SET lease_until = :leaseUntil WHERE id = :id AND lease_owner = :instance")
                .param("leaseUntil", Timestamps.column(clock.instant().plus(lease)))
                .param("id", jobId)
                .param("instance", instanceId)
                .update() == 1;
    }

    void release(String jobId, String instanceId) {
        jdbc.sql("UPDATE cleanup_job SET lease_owner = NULL, lease_until = NULL WHERE id = :id AND lease_owner = :instance")
                .param("id", jobId).param("instance", instanceId).update();
    }

    Optional<String> sealedToken(String jobId) {
        return jdbc.sql("SELECT encrypted_token FROM cleanup_job WHERE id = :id").param("id", jobId).query(String.class).optional();
    }

    void markItem(String jobId, int seq, ItemState state, String message) {
        jdbc.sql("UPDATE cleanup_job_item SET state = :state, message = :message, finished_at = :finishedAt"
                        + " WHERE job_id = :jobId AND seq = :seq")
                .param("state", state.name())
                .param("message", message)
                .param("finishedAt", state.finished() ? Timestamps.column(clock.instant()) : null)
                .param("jobId", jobId)
                .param("seq", seq)
                .update();
    }

    /**
     * Records an item's outcome if {@code instanceId} still holds the job's lease; false (nothing written) when
     * another instance has taken the job over. Run it in the transaction that also records the audit entry.
     */
    boolean endItemWhileLeased(String jobId, int seq, String instanceId, ItemState state, String message) {
        return jdbc.sql("UPDATE cleanup_job_item SET state = :state, message = :message, finished_at = :finishedAt"
                        + " WHERE job_id = :jobId AND seq = :seq"
                        + " AND EXISTS (SELECT 1 FROM cleanup_job WHERE id = :jobId AND lease_owner = :instance)")
                .param("state", state.name())
                .param("message", message)
                .param("finishedAt", Timestamps.column(clock.instant()))
                .param("jobId", jobId)
                .param("seq", seq)
                .param("instance", instanceId)
                .update() == 1;
    }

    /** How many jobs are in each status, for the {@code ghcr.cleanup.jobs} gauge. */
    Map<JobStatus, Integer> countsByStatus() {
        Map<JobStatus, Integer> counts = new EnumMap<>(JobStatus.class);
        for (JobStatus status : JobStatus.values()) {
            counts.put(status, 0);
        }
        jdbc.sql("SELECT status, COUNT(*) FROM cleanup_job GROUP BY status")
                .query(rs -> {
                    counts.put(JobStatus.valueOf(rs.getString(1)), rs.getInt(2));
                });
        return counts;
    }

    /** Records the placeholder a tag removal pushes (before the push) and, once GitHub lists it, its version id. */
    void markPlaceholder(String jobId, int seq, String digest, Long versionId) {
        jdbc.sql("UPDATE cleanup_job_item SET placeholder_digest = :digest, placeholder_version_id = :versionId"
                        + " WHERE job_id = :jobId AND seq = :seq")
                .param("digest", digest)
                .param("versionId", versionId)
                .param("jobId", jobId)
                .param("seq", seq)
                .update();
    }

    /** Digests of every placeholder this dashboard pushed to remove a tag in the package. */
    Set<String> placeholderDigests(String owner, String packageName) {
        return new HashSet<>(jdbc.sql("SELECT i.placeholder_digest FROM cleanup_job_item i JOIN cleanup_job j ON j.id = i.job_id"
                        + " WHERE LOWER(j.owner) = LOWER(:owner) AND j.package_name = :packageName AND i.placeholder_digest IS NOT NULL")
                .param("owner", owner).param("packageName", packageName).query(String.class).list());
    }

    boolean cancelRequested(String jobId) {
        return jdbc.sql("SELECT cancel_requested FROM cleanup_job WHERE id = :id").param("id", jobId).query(Boolean.class)
                .optional().orElse(false);
    }

    /** Asks a job to stop after its current item; a job waiting for sign-in or not yet started ends at once. */
    void requestCancel(String jobId) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("UPDATE cleanup_job SET cancel_requested = TRUE WHERE id = :id").param("id", jobId).update();
            int idle = jdbc.sql("UPDATE cleanup_job SET status = 'CANCELLED', finished_at = :now, encrypted_token = NULL"
                            + " WHERE id = :id AND status = 'WAITING_FOR_SIGN_IN'")
                    .param("now", Timestamps.column(clock.instant())).param("id", jobId).update();
            if (idle == 1) {
                cancelRemaining(jobId);
            }
        });
    }

    void cancelRemaining(String jobId) {
        jdbc.sql("UPDATE cleanup_job_item SET state = 'CANCELLED', finished_at = :now WHERE job_id = :jobId AND state = 'PENDING'")
                .param("now", Timestamps.column(clock.instant())).param("jobId", jobId).update();
    }

    /** Ends a job: forgets its token and lease. */
    void finish(String jobId, JobStatus status, List<String> report) {
        jdbc.sql("UPDATE cleanup_job SET status = :status, finished_at = :now, encrypted_token = NULL, lease_owner = NULL,"
                        + " lease_until = NULL, report = :report WHERE id = :id")
                .param("status", status.name())
                .param("now", Timestamps.column(clock.instant()))
                .param("report", String.join("\n", report))
                .param("id", jobId)
                .update();
    }

    void waitForSignIn(String jobId) {
        jdbc.sql("UPDATE cleanup_job SET status = 'WAITING_FOR_SIGN_IN', encrypted_token = NULL, lease_owner = NULL,"
                        + " lease_until = NULL WHERE id = :id")
                .param("id", jobId).update();
    }

    /** Gives jobs waiting for this person their new token; answers how many resume. */
    int offerToken(String actor, String sealedToken) {
        return jdbc.sql("UPDATE cleanup_job SET encrypted_token = :token, status = 'QUEUED' WHERE actor = :actor"
                        + " AND status = 'WAITING_FOR_SIGN_IN'")
                .param("token", sealedToken).param("actor", actor).update();
    }

    boolean waitingFor(String actor) {
        return jdbc.sql("SELECT COUNT(*) FROM cleanup_job WHERE actor = :actor AND status = 'WAITING_FOR_SIGN_IN'")
                .param("actor", actor).query(Integer.class).single() > 0;
    }

    /** Per version id, the latest delete of it this dashboard made in the package. */
    Map<Long, DeletedRecord> deletedRecords(String owner, String packageName) {
        Map<Long, DeletedRecord> records = new HashMap<>();
        jdbc.sql("SELECT i.version_id, i.digest, i.tags, i.unit_digest, j.actor, j.id, i.seq, i.finished_at"
                        + " FROM cleanup_job_item i JOIN cleanup_job j ON j.id = i.job_id"
                        + " WHERE COALESCE(i.action, j.kind) = 'DELETE' AND LOWER(j.owner) = LOWER(:owner) AND j.package_name = :packageName"
                        + " AND i.state = 'DELETED' ORDER BY i.finished_at")
                .param("owner", owner).param("packageName", packageName)
                .query(rs -> {
                    var record = new DeletedRecord(rs.getLong(1), rs.getString(2), tags(rs.getString(3)), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getInt(7), Timestamps.read(rs, 8));
                    records.put(record.versionId(), record);
                });
        return records;
    }

    static List<String> tags(String column) {
        return StoredTags.decode(column);
    }

    private static Job job(ResultSet rs, int row) throws SQLException {
        String report = rs.getString("report");
        return new Job(rs.getString("id"), JobKind.valueOf(rs.getString("kind")), rs.getString("actor"), rs.getString("owner"),
                OwnerType.valueOf(rs.getString("owner_type")), rs.getString("package_name"),
                JobStatus.valueOf(rs.getString("status")), rs.getBoolean("cancel_requested"), Timestamps.read(rs, "created_at"),
                Timestamps.read(rs, "finished_at"), report == null || report.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(report.split("\n"))),
                rs.getString("policy_name"));
    }

    private static JobItem item(ResultSet rs, int row) throws SQLException {
        return new JobItem(rs.getString("job_id"), rs.getInt("seq"), JobKind.valueOf(rs.getString("action")), rs.getLong("version_id"),
                rs.getString("digest"), tags(rs.getString("tags")), rs.getString("unit_digest"), rs.getString("tag"),
                rs.getString("previous_digest"), rs.getString("placeholder_digest"), rs.getObject("placeholder_version_id", Long.class),
                ItemState.valueOf(rs.getString("state")), rs.getString("message"), Timestamps.read(rs, "finished_at"));
    }
}
