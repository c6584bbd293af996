package dev.ghcrdashboard.caching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.ghcrdashboard.support.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CacheStatisticsTest {

    final CacheStatistics caches = new CacheStatistics();

    @Test
    void aRegisteredCachesHitsAndMissesAreReadByName() {
        Cache<String, String> logins = caches.register("github.viewer-logins",
                Caffeine.newBuilder().maximumSize(10).recordStats().build());
        logins.put("token-a", "octocat");

        logins.getIfPresent("token-a");
        logins.getIfPresent("token-b");

        assertThat(caches.snapshot()).containsOnlyKeys("github.viewer-logins");
        assertThat(caches.snapshot().get("github.viewer-logins").hitCount()).isEqualTo(1);
        assertThat(caches.snapshot().get("github.viewer-logins").missCount()).isEqualTo(1);
    }

    @Test
    void aCacheWithoutStatisticsOrUnderATakenNameIsRefused() {
        caches.register("a.cache", Caffeine.newBuilder().maximumSize(1).recordStats().build());

        assertThatThrownBy(() -> caches.register("b.cache", Caffeine.newBuilder().maximumSize(1).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recordStats");
        assertThatThrownBy(() -> caches.register("a.cache", Caffeine.newBuilder().maximumSize(1).recordStats().build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already");
    }

    @Test
    void cachesArePublishedToMicrometerWhetherRegisteredBeforeOrAfterBinding() {
        Cache<String, String> early = caches.register("registry.tokens", Caffeine.newBuilder().maximumSize(10).recordStats().build());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        caches.bindTo(registry);
        Cache<String, String> late = caches.register("packages.analyses",
                Caffeine.newBuilder().maximumSize(10).recordStats().build());

        early.getIfPresent("missing");
        late.put("k", "v");
        late.getIfPresent("k");

        assertThat(registry.get("cache.gets").tags("cache", "registry.tokens", "result", "miss").functionCounter().count())
                .isEqualTo(1.0);
        assertThat(registry.get("cache.gets").tags("cache", "packages.analyses", "result", "hit").functionCounter().count())
                .isEqualTo(1.0);
    }

    @Test
    void theClockTickerMakesExpiryFollowTheApplicationClock() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-27T08:00:00Z"));
        Cache<String, String> tokens = caches.register("registry.tokens", Caffeine.newBuilder()
                .expireAfterWrite(Duration.ofMinutes(5)).ticker(CacheStatistics.ticker(clock)).recordStats().build());
        tokens.put("acme/app", "token");

        clock.advance(Duration.ofMinutes(4));
        assertThat(tokens.getIfPresent("acme/app")).isEqualTo("token");
        clock.advance(Duration.ofMinutes(2));
        assertThat(tokens.getIfPresent("acme/app")).isNull();
    }
}
