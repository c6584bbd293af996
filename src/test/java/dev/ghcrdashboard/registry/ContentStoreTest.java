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
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        assertRoundTrip(h2);
    }

    @Test
    void roundTripsExactBytesOnPostgres() {
        assertRoundTrip(RealPostgres.newDatabase().dataSource());
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
}
