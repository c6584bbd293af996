package dev.ghcrdashboard.notifications;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.Arrays;
import java.util.Optional;

/** A new webhook as typed: its address and format. Kept as text so a mistake comes back beside its field. */
record WebhookForm(@NotBlank(message = "Enter the address the receiver gave you.")
                   @Size(max = 2000, message = "An address is at most 2000 characters.") String url,
                   String format) {

    static WebhookForm empty() {
        return new WebhookForm("", WebhookFormat.JSON.name());
    }

    Optional<URI> uri() {
        try {
            return Optional.of(new URI(url.strip()));
        } catch (java.net.URISyntaxException | NullPointerException e) {
            return Optional.empty();
        }
    }

    Optional<WebhookFormat> webhookFormat() {
        return Arrays.stream(WebhookFormat.values()).filter(f -> f.name().equals(format)).findFirst();
    }
}
