package dev.ghcrdashboard.notifications;

/** What a webhook's receiver understands. */
enum WebhookFormat {
    /** {@code {"event", "owner", "title", "text", "link", "details", "occurredAt"}}, for any receiver. */
    JSON("Generic JSON"),
    /** A Slack incoming-webhook body ({@code text} and {@code blocks}); Mattermost and others accept it too. */
    SLACK("Slack-compatible");

    private final String label;

    WebhookFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
