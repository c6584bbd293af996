package dev.ghcrdashboard.registry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ghcrdashboard.persistence.Timestamps;

/** Verified registry content by digest, in one of the two cache tables of V10. */
final class ContentStore {

    /** Keeps IN lists well below every driver's parameter limit. */
    private static final int MAX_IN_LIST = 1000;

    private final JdbcClient jdbc;
    private final String table;
    private final Clock clock;

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
        return jdbc.sql("SELECT digest, media_type, content FROM " + table + " WHERE digest = :digest")
                .param("digest", digest)
                .query((rs, row) -> new Content(rs.getString(1), rs.getString(2), rs.getBytes(3)))
                .optional();
    }

    Map<String, Content> findAll(Collection<String> digests) {
        Map<String, Content> found = new HashMap<>();
        List<String> all = new ArrayList<>(digests);
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
}
