package dev.ghcrdashboard.notifications;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Which addresses a webhook may point at. A webhook is a request the dashboard makes on an admin's behalf from
 * inside the deployment's network, so unless the operator allows it, it may not reach a loopback, private,
 * link-local or otherwise internal address — checked when the webhook is saved and again before every attempt,
 * because a name can resolve differently later.
 */
@Component
class WebhookTargets {

    private final boolean allowPrivateAddresses;

    WebhookTargets(NotificationsProperties properties) {
        this.allowPrivateAddresses = properties.allowPrivateAddresses();
    }

    /** Empty when the address may be used; otherwise why not, in words for the person entering it. */
    Optional<String> refusal(URI url) {
        if (url == null || url.getScheme() == null || url.getHost() == null) {
            return Optional.of("Enter a full address, like https://hooks.example.com/…");
        }
        if (!url.getScheme().equals("https") && !url.getScheme().equals("http")) {
            return Optional.of("A webhook address starts with https:// (or http://).");
        }
        if (url.getUserInfo() != null) {
            return Optional.of("Put credentials in the path or query the receiver gives you, not before the host.");
        }
        if (allowPrivateAddresses) {
            return Optional.empty();
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(url.getHost())) {
                if (internal(address)) {
                    return Optional.of(url.getHost() + " is an internal address; this dashboard does not send webhooks there"
                            + " (an operator can allow it with ghcr-dashboard.notifications.allow-private-addresses).");
                }
            }
        } catch (UnknownHostException e) {
            return Optional.of("The host " + url.getHost() + " cannot be found.");
        }
        return Optional.empty();
    }

    private static boolean internal(InetAddress address) {
        return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()
                // IPv6 unique local addresses (fc00::/7) are private too; InetAddress does not say so.
                || address.getAddress().length == 16 && (address.getAddress()[0] & 0xfe) == 0xfc;
    }
}
