package dev.ghcrdashboard.registry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ghcrdashboard.persistence.Timestamps;

/**
 * Verified registry content by digest, in one of the two cache tables of V10.
 *
 * <p>Bulk reads hand their content over with {@link #saveLater} and it is written {@value #BATCH} rows per
 * statement: one insert (and, with {@code WRITE_DELAY=0}, one flush of H2's file) per manifest was a fifth
 * of the dashboard's CPU while a large package was read (docs/benchmarks.md). Until it is written, content
 * waiting for its batch is answered from memory, so nobody fetches it a second time meanwhile.
 */
final class ContentStore {

    /** Keeps IN lists well below every driver's parameter limit. */
    private static final int MAX_IN_LIST = 1000;
    /** Rows per batched insert: 750 parameters, far below any driver's limit. */
    static final int BATCH = 250;

    private final JdbcClient jdbc;
    private final String table;
    private final Clock clock;
    /** Content handed to {@link #saveLater} and not written yet. */
    private final Map<String, Content> waiting = new ConcurrentHashMap<>();
    /** One writer of batches at a time; a reader thread that finds it busy leaves its content to that writer or the next. */
    private final ReentrantLock writing = new ReentrantLock();

    private ContentStore(JdbcClient jdbc, String table, Clock clock) {
        this.jdbc = jdbc;
        this.table = table;
        this.clock = clock;
    }

    static ContentStore manifests(JdbcClient jdbc, Clock clock) {
        return new ContentStore(jdbc, "registry_manifest", clock);
    }

    static ContentStore configBlobs(JdbcClient jdbc, Clock clock) {
        return new ContentStore(jdbc, "registry_config_blob", clock);
    }

    record Content(String digest, String mediaType, byte[] bytes) {
    }

    Optional<Content> find(String digest) {
        Content pending = waiting.get(digest);
        if (pending != null) {
            return Optional.of(pending);
        }
        return jdbc.sql("SELECT digest, media_type, content FROM " + table + " WHERE digest = :digest")
                .param("digest", digest)
                .query((rs, row) -> new Content(rs.getString(1), rs.getString(2), rs.getBytes(3)))
                .optional();
    }

    /** Content handed to {@link #saveLater} and not written yet. */
    Optional<Content> waiting(String digest) {
        return Optional.ofNullable(waiting.get(digest));
    }

    /** Which of {@code digests} are stored (or waiting for their batch), without reading their content. */
    Set<String> present(Collection<String> digests) {
        Set<String> found = new HashSet<>();
        List<String> all = new ArrayList<>(digests.size());
        for (String digest : digests) {
            if (waiting.containsKey(digest)) {
                found.add(digest);
            } else {
                all.add(digest);
            }
        }
        for (int from = 0; from < all.size(); from += MAX_IN_LIST) {
            found.addAll(jdbc.sql("SELECT digest FROM " + table + " WHERE digest IN (:digests)")
                    .param("digests", all.subList(from, Math.min(all.size(), from + MAX_IN_LIST)))
                    .query(String.class)
                    .list());
        }
        return found;
    }

    Map<String, Content> findAll(Collection<String> digests) {
        Map<String, Content> found = new HashMap<>();
        List<String> all = new ArrayList<>(digests.size());
        for (String digest : digests) {
            Content pending = waiting.get(digest);
            if (pending != null) {
                found.put(digest, pending);
            } else {
                all.add(digest);
            }
        }
        for (int from = 0; from < all.size(); from += MAX_IN_LIST) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + MAX_IN_LIST));
            jdbc.sql("SELECT digest, media_type, content FROM " + table + " WHERE digest IN (:digests)")
                    .param("digests", chunk)
                    .query((rs, row) -> new Content(rs.getString(1), rs.getString(2), rs.getBytes(3)))
                    .list()
                    .forEach(content -> found.put(content.digest(), content));
        }
        return found;
    }

    /** Stores verified content; another instance storing the same digest first is fine, the bytes are equal. */
    void save(Content content) {
        try {
            jdbc.sql("INSERT INTO " + table + " (digest, media_type, content, stored_at) VALUES (:digest, :mediaType, :content, :storedAt)")
                    .param("digest", content.digest())
                    .param("mediaType", content.mediaType())
                    .param("content", content.bytes())
                    .param("storedAt", Timestamps.column(clock.instant()))
                    .update();
        } catch (DuplicateKeyException alreadyStored) {
            // Same digest, same bytes: nothing to do.
        }
    }

    /**
     * Stores verified content with the next batch; writes a batch once {@value #BATCH} are waiting. Whoever
     * calls this must call {@link #flush()} when done, or the last few stay in memory only.
     */
    void saveLater(Content content) {
        waiting.putIfAbsent(content.digest(), content);
        if (waiting.size() >= BATCH && writing.tryLock()) {
            try {
                writeWaiting(BATCH);
            } finally {
                writing.unlock();
            }
        }
    }

    /** Writes everything {@link #saveLater} has been given, {@value #BATCH} rows per statement. */
    void flush() {
        writing.lock();
        try {
            writeWaiting(1);
        } finally {
            writing.unlock();
        }
    }

    /** Writes full batches, and a last partial one if it has at least {@code smallest} rows. */
    private void writeWaiting(int smallest) {
        List<Content> batch = new ArrayList<>(BATCH);
        for (Content content : waiting.values()) {
            batch.add(content);
            if (batch.size() == BATCH) {
                write(batch);
                batch.clear();
            }
        }
        if (batch.size() >= smallest) {
            write(batch);
        }
    }

    private void write(List<Content> batch) {
        try {
            insertAll(batch);
        } catch (DuplicateKeyException storedMeanwhile) {
            // Another instance (or a single read) stored some of them first: row by row, each duplicate ignored.
            batch.forEach(this::save);
        }
        // Only now, so that until the rows are readable the content is still answered from memory.
        batch.forEach(content -> waiting.remove(content.digest(), content));
    }

    private void insertAll(List<Content> rows) {
        StringBuilder sql = new StringBuilder("INSERT INTO " + table + " (digest, media_type, content, stored_at) VALUES ");
        Map<String, Object> params = new HashMap<>();
        Object storedAt = Timestamps.column(clock.instant());
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(:d").append(i).append(", :m").append(i).append(", :c").append(i).append(", :storedAt)");
            params.put("d" + i, rows.get(i).digest());
            params.put("m" + i, rows.get(i).mediaType());
            params.put("c" + i, rows.get(i).bytes());
        }
        params.put("storedAt", storedAt);
        jdbc.sql(sql.toString()).params(params).update();
    }
}
