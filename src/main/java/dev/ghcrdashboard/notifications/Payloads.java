package dev.ghcrdashboard.notifications;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The body each webhook format receives for a notification. */
final class Payloads {

    private static final JsonMapper JSON = JsonMapper.shared();

    private Payloads() {
    }

    static String render(Notification notification, WebhookFormat format, URI dashboardUrl) {
        String link = link(notification, dashboardUrl);
        if (format == WebhookFormat.SLACK) {
            // Slack reads "text" as the fallback and the notification's preview; "blocks" carry the layout.
            String heading = "*" + escapeSlack(notification.title()) + "*";
            String body = escapeSlack(notification.text()) + (link == null ? "" : "\n<" + link + "|Open in ghcr-dashboard>");
            return JSON.writeValueAsString(Map.of(
                    "text", notification.title() + ": " + notification.text(),
                    "blocks", List.of(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", heading + "\n" + body)))));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("event", notification.event());
        json.put("owner", notification.owner());
        json.put("policyId", notification.policyId());
        json.put("title", notification.title());
        json.put("text", notification.text());
        json.put("link", link);
        json.put("occurredAt", notification.occurredAt().toString());
        json.put("details", notification.details());
        return JSON.writeValueAsString(json);
    }

    private static String link(Notification notification, URI dashboardUrl) {
        if (dashboardUrl == null || notification.path() == null) {
            return null;
        }
        String base = dashboardUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + notification.path();
    }

    /** Slack's mrkdwn gives {@code <}, {@code >} and {@code &} meaning; names from GitHub must stay text. */
    private static String escapeSlack(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
