package dev.ghcrdashboard.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Cache;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import dev.ghcrdashboard.caching.CacheStatistics;

class ConditionalCacheTest {

    static final TokenKey TOKEN = TokenKey.of(new AccessToken("gho_a"));

    final CacheStatistics caches = new CacheStatistics();

    @Test
    void theBodiesKeptNeverExceedTheByteBudget() {
        long budget = 3 * (1000 + 256);
        Cache<ConditionalCache.Key, ConditionalCache.Entry> cache = ConditionalCache.create(budget, caches);

        for (String uri : new String[] {"/a", "/b", "/c", "/d", "/e"}) {
            cache.put(key(uri), entry(1000));
        }

        assertThat(cache.policy().eviction().orElseThrow().weightedSize().getAsLong()).isLessThanOrEqualTo(budget);
        assertThat(cache.estimatedSize()).as("as many as fit").isEqualTo(3);
    }

    @Test
    void aBodyLargerThanTheWholeBudgetIsNotKept() {
        Cache<ConditionalCache.Key, ConditionalCache.Entry> cache = ConditionalCache.create(500, caches);
        cache.put(key("/huge"), entry(10_000));

        assertThat(cache.getIfPresent(key("/huge"))).isNull();
    }

    @Test
    void hitsAndMissesAreCountedUnderTheCachesName() {
        Cache<ConditionalCache.Key, ConditionalCache.Entry> cache = ConditionalCache.create(10_000, caches);
        cache.put(key("/a"), entry(10));

        cache.getIfPresent(key("/a"));
        cache.getIfPresent(key("/b"));

        assertThat(caches.snapshot().get("github.conditional-responses")).satisfies(stats -> {
            assertThat(stats.hitCount()).isEqualTo(1);
            assertThat(stats.missCount()).isEqualTo(1);
        });
    }

    @Test
    void theKeyHoldsAHashNotTheToken() {
        assertThat(TOKEN.sha256()).hasSize(64).doesNotContain("gho_a");
        assertThat(TOKEN).isEqualTo(TokenKey.of(new AccessToken("gho_a")));
    }

    @Test
    void githubsCacheControlMakesAnAnswerFreshForAMinuteLessItsAge() {
        Instant received = Instant.parse("2026-11-29T12:00:00Z");

        assertThat(ConditionalCache.freshUntil(headers("private, max-age=60, s-maxage=60"), received))
                .isEqualTo(received.plusSeconds(60));
        HttpHeaders aged = headers("public, max-age=60");
        aged.set(HttpHeaders.AGE, "45");
        assertThat(ConditionalCache.freshUntil(aged, received)).as("a shared cache held it 45 s").isEqualTo(received.plusSeconds(15));
    }

    @Test
    void anAnswerWithoutAMaxAgeOrThatForbidsReuseIsNeverFresh() {
        Instant received = Instant.parse("2026-11-29T12:00:00Z");

        for (String cacheControl : new String[] {"private", "private, max-age=60, no-cache", "no-store, max-age=60",
                "max-age=0", "max-age=soon"}) {
            ConditionalCache.Entry entry = ConditionalCache.Entry.of("\"e\"", new byte[] {1},
                    null, null, ConditionalCache.freshUntil(headers(cacheControl), received));
            assertThat(entry.freshAt(received)).as(cacheControl).isFalse();
        }
        assertThat(ConditionalCache.freshUntil(new HttpHeaders(), received)).as("no Cache-Control").isEqualTo(received);
    }

    private static HttpHeaders headers(String cacheControl) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.CACHE_CONTROL, cacheControl);
        return headers;
    }

    private static ConditionalCache.Key key(String uri) {
        return new ConditionalCache.Key(TOKEN, uri);
    }

    @Test
    void aPageOfVersionsIsKeptDeflatedAndComesBackByteForByte() {
        StringBuilder page = new StringBuilder("[");
        for (int id = 1; id <= 100; id++) {
            String digest = randomHex(64);
            page.append(id == 1 ? "" : ",").append("""
                    {"id":%d,"name":"sha256:%s","url":"https://api.github.com/orgs/acme/packages/container/big/versions/%d",\
                    "package_html_url":"https://github.com/orgs/acme/packages/container/package/big","created_at":"2026-01-01T00:00:00Z",\
                    "updated_at":"2026-01-01T00:00:00Z","html_url":"https://github.com/orgs/acme/packages/container/big/%d",\
                    "metadata":{"package_type":"container","container":{"tags":["v%d"]}}}""".formatted(id, digest, id, id, id));
        }
        byte[] body = page.append("]").toString().getBytes(StandardCharsets.UTF_8);

        ConditionalCache.Entry entry = ConditionalCache.Entry.of("\"e\"", body, null, null, Instant.EPOCH);

        assertThat(entry.weight()).as("weighs less than half the page").isLessThan(body.length / 2);
        assertThat(entry.body()).isEqualTo(body);
    }

    @Test
    void aShortOrIncompressibleBodyIsKeptAsItIs() {
        byte[] small = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] noise = randomBytes(4000);

        assertThat(ConditionalCache.Entry.of("\"e\"", small, null, null, Instant.EPOCH).stored()).isSameAs(small);
        assertThat(ConditionalCache.Entry.of("\"e\"", noise, null, null, Instant.EPOCH).body()).isSameAs(noise);
    }

    /** An entry whose body does not deflate, so it weighs its size (+ 256). */
    private static ConditionalCache.Entry entry(int size) {
        return ConditionalCache.Entry.of("\"e\"", randomBytes(size), null, null, Instant.EPOCH);
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private static String randomHex(int length) {
        return HexFormat.of().formatHex(randomBytes(length / 2));
    }
}
