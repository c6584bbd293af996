package dev.ghcrdashboard.caching;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The application as it runs (in demo mode, the cheapest whole application): every in-memory cache is
 * registered under its name and published to the metrics registry.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ghcr-dashboard.demo.automatic=true",
        "spring.security.oauth2.client.registration.github.client-id=",
        "spring.datasource.url=jdbc:h2:mem:demo-mode;DB_CLOSE_DELAY=-1"})
class CacheMetricsTest {

    @Autowired
    CacheStatistics caches;
    @Autowired
    MeterRegistry meters;

    @Test
    void everyCacheOfTheApplicationIsPublishedUnderItsName() {
        assertThat(caches.snapshot()).containsOnlyKeys("cleanup.call-pacers", "github.conditional-responses",
                "github.rate-budgets", "github.viewer-logins", "owners.accounts", "owners.memberships", "packages.analyses",
                "packages.proven-readers", "packages.rendered-tables", "packages.rendered-versions", "registry.config-fetches",
                "registry.manifest-fetches", "registry.push-tokens", "registry.token-requests", "registry.tokens",
                "visibility.drift-viewers", "visibility.watch-tokens");
        assertThat(caches.snapshot().keySet()).allSatisfy(name ->
                assertThat(meters.find("cache.gets").tag("cache", name).functionCounters()).as(name).isNotEmpty());
    }
}
