package dev.ghcrdashboard.operations;

import dev.ghcrdashboard.github.GitHubProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code github}: whether GitHub's REST API answers at all (any HTTP
 * status counts; no token is sent, and an unauthenticated request to the API root costs no one's rate budget).
 * Asked at most every {@link #ASK_EVERY}, however often health is polled.
 *
 * <p>Part of the overall health, not of readiness: when GitHub is down every instance is equally unable to
 * reach it, and taking them all out of the load balancer would replace the dashboard's own "GitHub is not
 * answering" page with the proxy's error.
 */
@Component("github")
class GitHubHealth implements HealthIndicator {

    private static final Duration ASK_EVERY = Duration.ofSeconds(30);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final URI apiUrl;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private Health last;
    private Instant askedAt = Instant.MIN;

    GitHubHealth(GitHubProperties properties, Clock clock) {
        this.apiUrl = properties.apiUrl();
        this.clock = clock;
    }

    @Override
    public synchronized Health health() {
        Instant now = clock.instant();
        if (last == null || !now.isBefore(askedAt.plus(ASK_EVERY)) || now.isBefore(askedAt)) {
            last = ask();
            askedAt = now;
        }
        return last;
    }

    private Health ask() {
        URI root = URI.create(apiUrl.toString().endsWith("/") ? apiUrl.toString() : apiUrl + "/");
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(root).timeout(TIMEOUT)
                    .header("Accept", "application/vnd.github+json").GET().build(), HttpResponse.BodyHandlers.discarding());
            return Health.up().withDetail("url", root.toString()).withDetail("status", response.statusCode()).build();
        } catch (IOException e) {
            return Health.down().withDetail("url", root.toString()).withDetail("error", e.getClass().getSimpleName()).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.unknown().build();
        }
    }
}
