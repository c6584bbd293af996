package dev.ghcrdashboard.notifications;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * Delivers due webhook deliveries in the background: claims each (so two instances never send the same one),
 * posts it, and records the outcome — delivered on a 2xx, otherwise another attempt after a growing wait until
 * the attempts run out. Log lines and stored errors never contain the webhook's address, which may carry a secret.
 */
@Component
record WebhookDispatcher(DeliveryStore deliveries, WebhookStore webhooks, WebhookTargets targets,
                         NotificationsProperties properties, WebClient http, Clock clock) {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int BATCH = 20;

    /** The constructor Spring uses: the client comes from Spring Boot's configured {@code WebClient.Builder}. */
    @Autowired
    WebhookDispatcher(DeliveryStore deliveries, WebhookStore webhooks, WebhookTargets targets,
                      NotificationsProperties properties, WebClient.Builder http, Clock clock) {
        this(deliveries, webhooks, targets, properties, http.build(), clock);
    }

    @Scheduled(fixedDelayString = "${ghcr-dashboard.notifications.poll-interval:5s}",
            initialDelayString = "${ghcr-dashboard.notifications.poll-interval:5s}")
    void deliverDue() {
        for (long id : deliveries.due(clock.instant(), BATCH)) {
            // The lease outlasts one attempt by far, so a delivery is never sent twice at once.
            deliveries.claim(id, clock.instant(), properties.timeout().multipliedBy(3)).ifPresent(this::attempt);
        }
    }

    private void attempt(Delivery delivery) {
        int attempts = delivery.attempts() + 1;
        Optional<Webhook> webhook = webhooks.find(delivery.webhookId());
        if (webhook.isEmpty()) {
            return; // removed meanwhile; its deliveries went with it
        }
        Optional<String> refusal = targets.refusal(webhook.get().url());
        if (refusal.isPresent()) {
            fail(delivery, attempts, null, refusal.get());
            return;
        }
        try {
            Integer status = http.post().uri(webhook.get().url()).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(delivery.body())
                    .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()))
                    .timeout(properties.timeout())
                    .block();
            if (status != null && status >= 200 && status < 300) {
                deliveries.delivered(delivery.id(), attempts, status, clock.instant());
            } else {
                fail(delivery, attempts, status, "the receiver answered HTTP " + status);
            }
        } catch (WebClientRequestException e) {
            fail(delivery, attempts, null, "could not connect (" + e.getMostSpecificCause().getClass().getSimpleName() + ")");
        } catch (RuntimeException e) {
            boolean timedOut = e.getCause() instanceof TimeoutException; // block() wraps the timeout it was given
            fail(delivery, attempts, null, timedOut ? "no answer within " + properties.timeout().toSeconds() + " s"
                    : "the request failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    private void fail(Delivery delivery, int attempts, Integer status, String error) {
        boolean givenUp = attempts >= properties.maxAttempts();
        Instant now = clock.instant();
        Duration wait = properties.backoffAfter(attempts);
        deliveries.failed(delivery.id(), attempts, status, error, now.plus(wait), givenUp, now);
        log.info("Webhook delivery {} ({}) attempt {} failed: {}{}", delivery.id(), delivery.event(), attempts, error,
                givenUp ? "; giving up" : "; next attempt in " + wait);
    }
}
