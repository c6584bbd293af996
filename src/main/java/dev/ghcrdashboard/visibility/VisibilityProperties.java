package dev.ghcrdashboard.visibility;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings under {@code ghcr-dashboard.visibility}.
 *
 * @param changeTimeout how long a guided change waits for GitHub to report the new visibility
 * @param pollInterval how often pending changes are polled (a conditional request: free of rate budget)
 * @param mismatchGrace how long the anonymous-pull proof may disagree with GitHub before the change
 *                      is declared a mismatch (the registry can lag the REST API by a few seconds)
 * @param watchBatch at most this many pending changes are polled per tick
 * @param driftRecheckInterval re-check drift on a schedule; {@code null} (the default) switches it off
 */
@Validated
@ConfigurationProperties("ghcr-dashboard.visibility")
record VisibilityProperties(
        @NotNull @DefaultValue("15m") Duration changeTimeout,
        @NotNull @DefaultValue("5s") Duration pollInterval,
        @NotNull @DefaultValue("30s") Duration mismatchGrace,
        @Min(1) @DefaultValue("20") int watchBatch,
        Duration driftRecheckInterval) {
}
