package dev.ghcrdashboard.notifications;

import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.security.SignedInUser;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends notifications to an owner's webhooks, and keeps the list of webhooks. Sending writes one delivery per
 * webhook and returns at once; {@code WebhookDispatcher} delivers them.
 */
@Service
public class Notifications {

    private final WebhookStore webhooks;
    private final DeliveryStore deliveries;
    private final WebhookTargets targets;
    private final NotificationsProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Notifications(WebhookStore webhooks, DeliveryStore deliveries, WebhookTargets targets, NotificationsProperties properties,
                  ApplicationEventPublisher events, Clock clock) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.targets = targets;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Queues the notification for every webhook of its owner that takes it: those for the whole owner, and those
     * for its policy. Never waits for a receiver.
     */
    @Transactional
    public void send(Notification notification) {
        for (Webhook webhook : webhooks.ofOwner(notification.owner())) {
            if (webhook.policyId() == null || Objects.equals(webhook.policyId(), notification.policyId())) {
                deliveries.enqueue(webhook.id(), notification.event(), notification.title(),
                        Payloads.render(notification, webhook.format(), properties.dashboardUrl()), clock.instant());
            }
        }
    }

    /** A test message to one webhook, so an admin sees the receiver answer before anything real happens. */
    @Transactional
    boolean sendTest(Owner owner, long id, SignedInUser user) {
        var webhook = webhooks.ofOwner(owner.login()).stream().filter(w -> w.id() == id).findFirst();
        webhook.ifPresent(target -> deliveries.enqueue(target.id(), "test", "Test from ghcr-dashboard",
                Payloads.render(new Notification("test", owner.login(), target.policyId(), "Test from ghcr-dashboard",
                        user.login() + " sent this to check that notifications about " + owner.login() + " arrive.",
                        "/owners/" + owner.login() + "/notifications", java.util.Map.of(), clock.instant()),
                        target.format(), properties.dashboardUrl()), clock.instant()));
        return webhook.isPresent();
    }

    List<Webhook> webhooks(Owner owner) {
        return webhooks.ofOwner(owner.login());
    }

    List<Delivery> recentDeliveries(Webhook webhook) {
        return deliveries.recent(webhook.id(), 10);
    }

    /** @throws IllegalArgumentException with a sentence for the person when the address may not be used */
    @Transactional
    long add(Owner owner, URI url, WebhookFormat format, Long policyId, SignedInUser user) {
        targets.refusal(url).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
        long id = webhooks.insert(owner.login(), policyId, url, format, user.login(), clock.instant());
        Webhook added = webhooks.ofOwner(owner.login()).stream().filter(w -> w.id() == id).findFirst().orElseThrow();
        events.publishEvent(new WebhookChanged(id, true, user.login(), clock.instant(), owner.login(), added.shownUrl()));
        return id;
    }

    @Transactional
    boolean remove(Owner owner, long id, SignedInUser user) {
        var webhook = webhooks.ofOwner(owner.login()).stream().filter(w -> w.id() == id).findFirst();
        if (webhook.isEmpty() || !webhooks.delete(owner.login(), id)) {
            return false;
        }
        events.publishEvent(new WebhookChanged(id, false, user.login(), clock.instant(), owner.login(), webhook.get().shownUrl()));
        return true;
    }
}
