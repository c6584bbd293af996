package dev.ghcrdashboard.notifications;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How webhooks are delivered.
 *
 * @param dashboardUrl the dashboard's address as people reach it (e.g. {@code https://ghcr.example.com}); when set,
 *                     notifications link to the page they are about
 * @param allowPrivateAddresses whether a webhook may point at a loopback, private or link-local address; off, so a
 *                              webhook cannot be used to reach services inside the dashboard's network
 * @param timeout how long one delivery attempt waits for the receiver
 * @param maxAttempts attempts before a delivery is given up as failed
 * @param firstRetry the wait before the second attempt; each later wait is four times the one before
 * @param pollInterval how often due deliveries are looked for
 */
@ConfigurationProperties("ghcr-dashboard.notifications")
record NotificationsProperties(URI dashboardUrl, boolean allowPrivateAddresses, Duration timeout, Integer maxAttempts,
                               Duration firstRetry, Duration pollInterval) {

    NotificationsProperties {
        dashboardUrl = dashboardUrl == null || dashboardUrl.toString().isBlank() ? null : dashboardUrl;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        maxAttempts = maxAttempts == null ? 6 : maxAttempts;
        firstRetry = firstRetry == null ? Duration.ofSeconds(30) : firstRetry;
        pollInterval = pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("ghcr-dashboard.notifications.max-attempts must be 1 or more");
        }
    }

    /** The wait after {@code attempts} failed attempts. */
    Duration backoffAfter(int attempts) {
        return firstRetry.multipliedBy((long) Math.pow(4, Math.max(0, attempts - 1)));
    }
}
