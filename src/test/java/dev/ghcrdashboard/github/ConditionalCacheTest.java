package dev.ghcrdashboard.github;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConditionalCacheTest {

    static final TokenKey TOKEN = TokenKey.of(new AccessToken("gho_a"));

    @Test
    void leastRecentlyUsedEntriesGoFirstWhenTheByteBudgetIsSpent() {
        ConditionalCache cache = new ConditionalCache(3 * (1000 + 256));
        cache.put(key("/a"), entry(1000));
        cache.put(key("/b"), entry(1000));
        cache.put(key("/c"), entry(1000));
        cache.get(key("/a"));

        cache.put(key("/d"), entry(1000));

        assertThat(cache.get(key("/b"))).isNull();
        assertThat(cache.get(key("/a"))).isNotNull();
        assertThat(cache.get(key("/d"))).isNotNull();
        assertThat(cache.size()).isEqualTo(3);
    }

    @Test
    void aBodyLargerThanTheWholeBudgetIsNotKept() {
        ConditionalCache cache = new ConditionalCache(500);
        cache.put(key("/huge"), entry(10_000));

        assertThat(cache.get(key("/huge"))).isNull();
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
