package dev.ghcrdashboard.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Cache;
import org.junit.jupiter.api.Test;

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

    private static ConditionalCache.Key key(String uri) {
        return new ConditionalCache.Key(TOKEN, uri);
    }

    private static ConditionalCache.Entry entry(int size) {
        return new ConditionalCache.Entry("\"e\"", new byte[size], null, null);
    }
}
