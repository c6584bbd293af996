package dev.ghcrdashboard.visibility;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.caching.CacheStatistics;
import dev.ghcrdashboard.github.AccessToken;
import dev.ghcrdashboard.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WatchCredentialsTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T08:00:00Z"));
    final VisibilityProperties properties = new VisibilityProperties(Duration.ofMinutes(15), Duration.ofSeconds(5),
            Duration.ofSeconds(30), 20, null);
    final WatchCredentials credentials = new WatchCredentials(properties, new CacheStatistics(), clock);

    @Test
    void aTokenServesItsChangeUntilTheDeadlineAndTheMismatchGraceHavePassed() {
        credentials.remember(7, new AccessToken("gho_alice"));

        clock.advance(Duration.ofMinutes(15).plusSeconds(29));
        assertThat(credentials.forChange(7)).contains(new AccessToken("gho_alice"));
        assertThat(credentials.changeIds()).containsExactly(7L);

        clock.advance(Duration.ofSeconds(2)); // the change ended elsewhere, or this instance missed its end
        assertThat(credentials.forChange(7)).isEmpty();
        assertThat(credentials.changeIds()).isEmpty();
    }

    @Test
    void aPagePollingTheChangeKeepsItsTokenFresh() {
        credentials.remember(7, new AccessToken("gho_alice"));
        clock.advance(Duration.ofMinutes(10));
        credentials.remember(7, new AccessToken("gho_alice"));

        clock.advance(Duration.ofMinutes(10));

        assertThat(credentials.forChange(7)).isPresent();
    }
}
