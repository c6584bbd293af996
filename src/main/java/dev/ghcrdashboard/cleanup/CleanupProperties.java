package dev.ghcrdashboard.cleanup;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of delete and restore jobs.
 *
 * @param callsPerPeriod deletes/restores allowed per {@code period}; GitHub's secondary limit allows
 *        about 180 per minute (900 points, 5 per call); 170 (at most 173 in any minute with the pacer's burst) leaves a little room for the person's other calls
 * @param period the window {@code callsPerPeriod} applies to
 * @param lease how long a claimed job stays claimed without a heartbeat before another instance takes it over
 * @param pollInterval how often an idle runner looks for jobs to run
 * @param runnerEnabled whether this instance runs jobs at all
 */
@Validated
@ConfigurationProperties("ghcr-dashboard.cleanup")
record CleanupProperties(
        @DefaultValue("170") @Min(1) int callsPerPeriod,
        @DefaultValue("60s") @NotNull Duration period,
        @DefaultValue("30s") @NotNull Duration lease,
        @DefaultValue("1s") @NotNull Duration pollInterval,
        @DefaultValue("true") boolean runnerEnabled) {
}
