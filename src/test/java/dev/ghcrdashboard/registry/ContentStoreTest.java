package dev.ghcrdashboard.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ghcrdashboard.support.RealPostgres;

/** V10 and the cache queries on both databases the dashboard supports, with bytes that are not UTF-8. */
class ContentStoreTest {

    /** A BOM, an invalid UTF-8 sequence and a NUL: a TEXT column would not give these back unchanged. */
    private static final byte[] AWKWARD = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', (byte) 0xC3, (byte) 0x28, 0, '}'};

    @Test
    void roundTripsExactBytesOnH2() {
        assertRoundTrip(h2());
    }

    @Test
    void roundTripsExactBytesOnPostgres() {
        assertRoundTrip(RealPostgres.newDatabase().dataSource());
    }

    @Test
    void batchedWritesOnH2() {
        assertBatchedWrites(h2());
    }

    private static DataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return h2;
    }

    @Test
    void batchedWritesOnPostgres() {
        assertBatchedWrites(RealPostgres.newDatabase().dataSource());
    }

    private static void assertRoundTrip(DataSource dataSource) {
        CacheDatabase.migrate(dataSource);
        ContentStore store = ContentStore.manifests(JdbcClient.create(dataSource), Clock.systemUTC());
        String digest = OciPusher.sha256(AWKWARD);
        String other = OciPusher.sha256(new byte[] {1});

        store.save(new ContentStore.Content(digest, MediaTypes.OCI_MANIFEST, AWKWARD));
        store.save(new ContentStore.Content(digest, MediaTypes.OCI_MANIFEST, AWKWARD));
        store.save(new ContentStore.Content(other, MediaTypes.OCI_INDEX, new byte[] {1}));

        assertThat(store.find(digest)).get().satisfies(content -> {
            assertThat(content.bytes()).isEqualTo(AWKWARD);
            assertThat(content.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        });
        assertThat(store.findAll(List.of(digest, other, OciPusher.sha256(new byte[] {2})))).containsOnlyKeys(digest, other);
        assertThat(store.find(OciPusher.sha256(new byte[0]))).isEmpty();
    }

    /**
     * Content handed over for a batch is answered from memory until written; a full batch is written at once, the
     * rest on flush; a digest another instance stored meanwhile is not an error; the bytes come back unchanged.
     */
    private static void assertBatchedWrites(DataSource dataSource) {
        CacheDatabase.migrate(dataSource);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        ContentStore store = ContentStore.manifests(jdbc, Clock.systemUTC());
        ContentStore otherInstance = ContentStore.manifests(jdbc, Clock.systemUTC());
        List<ContentStore.Content> contents = new java.util.ArrayList<>();
        for (int i = 0; i < ContentStore.BATCH + 30; i++) {
            byte[] bytes = ("{\"n\":" + i + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            contents.add(new ContentStore.Content(OciPusher.sha256(bytes), MediaTypes.OCI_MANIFEST, bytes));
        }
        contents.set(7, new ContentStore.Content(OciPusher.sha256(AWKWARD), MediaTypes.OCI_INDEX, AWKWARD));
        otherInstance.save(contents.get(3));

        contents.subList(0, ContentStore.BATCH - 1).forEach(store::saveLater);
        assertThat(rows(jdbc)).as("nothing written before a batch is full").isEqualTo(1);
        assertThat(store.find(contents.get(7).digest())).get().extracting(ContentStore.Content::bytes).isEqualTo(AWKWARD);
        assertThat(store.findAll(List.of(contents.get(0).digest(), contents.get(50).digest()))).hasSize(2);

        contents.subList(ContentStore.BATCH - 1, contents.size()).forEach(store::saveLater);
        assertThat(rows(jdbc)).as("a full batch is written at once").isEqualTo(ContentStore.BATCH);
        assertThat(otherInstance.findAll(contents.stream().map(ContentStore.Content::digest).toList())).hasSize(ContentStore.BATCH);

        store.flush();
        assertThat(rows(jdbc)).isEqualTo(contents.size());
        assertThat(otherInstance.find(contents.get(7).digest())).get().satisfies(content -> {
            assertThat(content.bytes()).isEqualTo(AWKWARD);
            assertThat(content.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
        });
    }

    private static long rows(JdbcClient jdbc) {
        return jdbc.sql("SELECT COUNT(*) FROM registry_manifest").query(Long.class).single();
    }
}
