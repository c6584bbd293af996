package dev.ghcrdashboard.notifications;

import dev.ghcrdashboard.visibility.DangerousDriftFound;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells an owner's webhooks when the drift report finds a package that anyone can read but should not. */
@Component
record DriftAlerts(Notifications notifications) {

    @EventListener
    void on(DangerousDriftFound found) {
        String names = found.packages().stream().map(DangerousDriftFound.Finding::packageName).collect(Collectors.joining(", "));
        String text = found.packages().stream().map(finding -> finding.packageName() + ": " + finding.reason())
                .collect(Collectors.joining("; "));
        notifications.send(new Notification("visibility.drift.dangerous", found.owner(), null,
                "Dangerous visibility drift in " + found.owner() + ": " + names, text,
                "/owners/" + found.owner() + "/visibility",
                Map.of("packages", found.packages().stream()
                        .map(finding -> Map.of("package", finding.packageName(), "reason", finding.reason())).toList()),
                found.checkedAt()));
    }
}
