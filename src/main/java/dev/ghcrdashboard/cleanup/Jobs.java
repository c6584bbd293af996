package dev.ghcrdashboard.cleanup;

import dev.ghcrdashboard.common.StoredTags;
import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.github.OwnerType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
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
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/** Persistence of jobs, their items and the leases that decide which instance runs a job. */
@Component
class Jobs {

    private static final String JOB_COLUMNS =
            "id, kind, actor, owner, owner_type, package_name, status, cancel_requested, created_at, finished_at, report";
    private static final String ITEM_COLUMNS = "i.job_id, i.seq, COALESCE(i.action, j.kind) AS action, i.version_id, i.digest, i.tags,"
            + " i.unit_digest, i.tag, i.previous_digest, i.placeholder_digest, i.placeholder_version_id, i.state, i.message, i.finished_at";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Jobs(DataSource dataSource, PlatformTransactionManager transactionManager) {
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = Clock.systemUTC();
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
        String id = UUID.randomUUID().toString();
        transactions.executeWithoutResult(status -> {
            jdbc.sql("INSERT INTO cleanup_job (id, kind, actor, owner, owner_type, package_name, status, cancel_requested,"
                            + " encrypted_token, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, FALSE, ?, ?)")
                    .params(id, kind.name(), actor, owner.login(), owner.type().name(), packageName, JobStatus.QUEUED.name(),
                            sealedToken, time(now()))
                    .update();
            int seq = 0;
            for (NewItem item : items) {
                jdbc.sql("INSERT INTO cleanup_job_item (job_id, seq, action, version_id, digest, tags, unit_digest, tag, previous_digest, state)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                        .params(id, seq++, (item.action() == null ? kind : item.action()).name(), item.versionId(), item.digest(),
                                StoredTags.encode(item.tags()), item.unitDigest(), item.tag(), item.previousDigest(), ItemState.PENDING.name())
                        .update();
            }
        });
        return id;
    }

    Optional<Job> find(String id) {
        return jdbc.sql("SELECT " + JOB_COLUMNS + " FROM cleanup_job WHERE id = ?").param(id).query(Jobs::job).optional();
    }

    List<Job> recent(String owner, String packageName, int limit) {
        return jdbc.sql("SELECT " + JOB_COLUMNS + " FROM cleanup_job WHERE owner = ? AND package_name = ?"
                        + " ORDER BY created_at DESC LIMIT " + limit)
                .params(owner, packageName).query(Jobs::job).list();
    }

    List<JobItem> items(String jobId) {
        return jdbc.sql("SELECT " + ITEM_COLUMNS + " FROM cleanup_job_item i JOIN cleanup_job j ON j.id = i.job_id"
                        + " WHERE i.job_id = ? ORDER BY i.seq")
                .param(jobId).query(Jobs::item).list();
    }

    Map<ItemState, Integer> counts(String jobId) {
        Map<ItemState, Integer> counts = new EnumMap<>(ItemState.class);
        jdbc.sql("SELECT state, COUNT(*) FROM cleanup_job_item WHERE job_id = ? GROUP BY state").param(jobId)
                .query(rs -> {
                    counts.put(ItemState.valueOf(rs.getString(1)), rs.getInt(2));
                });
        return counts;
    }

    /**
     * Claims the oldest runnable job whose lease is free or expired. The conditional UPDATE is the
     * lock: of two instances racing for one job, only one sees its update count as 1.
     */
    Optional<Job> claimNext(String instanceId, java.time.Duration lease) {
        Instant now = now();
        List<String> candidates = jdbc.sql("SELECT id FROM cleanup_job WHERE status IN ('QUEUED', 'RUNNING')"
                        + " AND (lease_until IS NULL OR lease_until < ? OR lease_owner = ?) ORDER BY created_at")
                .params(time(now), instanceId).query(String.class).list();
        for (String id : candidates) {
            int claimed = jdbc.sql("UPDATE cleanup_job SET lease_owner = ?, lease_until = ?, status = 'RUNNING'"
                            + " WHERE id = ? AND status IN ('QUEUED', 'RUNNING')"
                            + " AND (lease_until IS NULL OR lease_until < ? OR lease_owner = ?)")
                    .params(instanceId, time(now.plus(lease)), id, time(now), instanceId).update();
            if (claimed == 1) {
                return find(id);
            }
        }
        return Optional.empty();
    }

    /** Renews the lease; false when another instance took the job over (this one must stop at once). */
    boolean heartbeat(String jobId, String instanceId, java.time.Duration lease) {
        return jdbc.sql("UPDATE cleanup_job SET lease_until = ? WHERE id = ? AND lease_owner = ?")
                .params(time(now().plus(lease)), jobId, instanceId).update() == 1;
    }

    void release(String jobId, String instanceId) {
        jdbc.sql("UPDATE cleanup_job SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?")
                .params(jobId, instanceId).update();
    }

    Optional<String> sealedToken(String jobId) {
        return jdbc.sql("SELECT encrypted_token FROM cleanup_job WHERE id = ?").param(jobId).query(String.class).optional();
    }

    void markItem(String jobId, int seq, ItemState state, String message) {
        jdbc.sql("UPDATE cleanup_job_item SET state = ?, message = ?, finished_at = ? WHERE job_id = ? AND seq = ?")
                .params(state.name(), message, state.finished() ? time(now()) : null, jobId, seq).update();
    }

    /** Records the placeholder a tag removal pushes (before the push) and, once GitHub lists it, its version id. */
    void markPlaceholder(String jobId, int seq, String digest, Long versionId) {
        jdbc.sql("UPDATE cleanup_job_item SET placeholder_digest = ?, placeholder_version_id = ? WHERE job_id = ? AND seq = ?")
                .params(digest, versionId, jobId, seq).update();
    }

    /** Digests of every placeholder this dashboard pushed to remove a tag in the package. */
    Set<String> placeholderDigests(String owner, String packageName) {
        return new HashSet<>(jdbc.sql("SELECT i.placeholder_digest FROM cleanup_job_item i JOIN cleanup_job j ON j.id = i.job_id"
                        + " WHERE LOWER(j.owner) = LOWER(?) AND j.package_name = ? AND i.placeholder_digest IS NOT NULL")
                .params(owner, packageName).query(String.class).list());
    }

    boolean cancelRequested(String jobId) {
        return jdbc.sql("SELECT cancel_requested FROM cleanup_job WHERE id = ?").param(jobId).query(Boolean.class)
                .optional().orElse(false);
    }

    /** Asks a job to stop after its current item; a job waiting for sign-in or not yet started ends at once. */
    void requestCancel(String jobId) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("UPDATE cleanup_job SET cancel_requested = TRUE WHERE id = ?").param(jobId).update();
            int idle = jdbc.sql("UPDATE cleanup_job SET status = 'CANCELLED', finished_at = ?, encrypted_token = NULL"
                            + " WHERE id = ? AND status = 'WAITING_FOR_SIGN_IN'")
                    .params(time(now()), jobId).update();
            if (idle == 1) {
                cancelRemaining(jobId);
            }
        });
    }

    void cancelRemaining(String jobId) {
        jdbc.sql("UPDATE cleanup_job_item SET state = 'CANCELLED', finished_at = ? WHERE job_id = ? AND state = 'PENDING'")
                .params(time(now()), jobId).update();
    }

    /** Ends a job: forgets its token and lease. */
    void finish(String jobId, JobStatus status, List<String> report) {
        jdbc.sql("UPDATE cleanup_job SET status = ?, finished_at = ?, encrypted_token = NULL, lease_owner = NULL,"
                        + " lease_until = NULL, report = ? WHERE id = ?")
                .params(status.name(), time(now()), String.join("\n", report), jobId).update();
    }

    void waitForSignIn(String jobId) {
        jdbc.sql("UPDATE cleanup_job SET status = 'WAITING_FOR_SIGN_IN', encrypted_token = NULL, lease_owner = NULL,"
                        + " lease_until = NULL WHERE id = ?")
                .param(jobId).update();
    }

    /** Gives jobs waiting for this person their new token; answers how many resume. */
    int offerToken(String actor, String sealedToken) {
        return jdbc.sql("UPDATE cleanup_job SET encrypted_token = ?, status = 'QUEUED' WHERE actor = ?"
                        + " AND status = 'WAITING_FOR_SIGN_IN'")
                .params(sealedToken, actor).update();
    }

    boolean waitingFor(String actor) {
        return jdbc.sql("SELECT COUNT(*) FROM cleanup_job WHERE actor = ? AND status = 'WAITING_FOR_SIGN_IN'")
                .param(actor).query(Integer.class).single() > 0;
    }

    /** Per version id, the latest delete of it this dashboard made in the package. */
    Map<Long, DeletedRecord> deletedRecords(String owner, String packageName) {
        Map<Long, DeletedRecord> records = new HashMap<>();
        jdbc.sql("SELECT i.version_id, i.digest, i.tags, i.unit_digest, j.actor, j.id, i.seq, i.finished_at"
                        + " FROM cleanup_job_item i JOIN cleanup_job j ON j.id = i.job_id"
                        + " WHERE COALESCE(i.action, j.kind) = 'DELETE' AND LOWER(j.owner) = LOWER(?) AND j.package_name = ? AND i.state = 'DELETED'"
                        + " ORDER BY i.finished_at")
                .params(owner, packageName)
                .query(rs -> {
                    var record = new DeletedRecord(rs.getLong(1), rs.getString(2), tags(rs.getString(3)), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getInt(7), instant(rs, 8));
                    records.put(record.versionId(), record);
                });
        return records;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static List<String> tags(String column) {
        return StoredTags.decode(column);
    }

    private static Job job(ResultSet rs, int row) throws SQLException {
        String report = rs.getString("report");
        return new Job(rs.getString("id"), JobKind.valueOf(rs.getString("kind")), rs.getString("actor"), rs.getString("owner"),
                OwnerType.valueOf(rs.getString("owner_type")), rs.getString("package_name"),
                JobStatus.valueOf(rs.getString("status")), rs.getBoolean("cancel_requested"), instant(rs, "created_at"),
                instant(rs, "finished_at"), report == null || report.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(report.split("\n"))));
    }

    private static JobItem item(ResultSet rs, int row) throws SQLException {
        return new JobItem(rs.getString("job_id"), rs.getInt("seq"), JobKind.valueOf(rs.getString("action")), rs.getLong("version_id"),
                rs.getString("digest"), tags(rs.getString("tags")), rs.getString("unit_digest"), rs.getString("tag"),
                rs.getString("previous_digest"), rs.getString("placeholder_digest"), rs.getObject("placeholder_version_id", Long.class),
                ItemState.valueOf(rs.getString("state")), rs.getString("message"), instant(rs, "finished_at"));
    }
}
