package dev.ghcrdashboard.notifications;

/** What a webhook's receiver understands. */
enum WebhookFormat {
    /** {@code {"event", "owner", "title", "text", "link", "details", "occurredAt"}}, for any receiver. */
    JSON,
    /** A Slack incoming-webhook body ({@code text} and {@code blocks}); Mattermost and others accept it too. */
    SLACK;

    public String label() {
        return switch (this) {
            case JSON -> "Generic JSON";
            case SLACK -> "Slack-compatible";
        };
    }
}
