package dev.ghcrdashboard.visibility;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings under {@code ghcr-dashboard.visibility.proofs}: the anonymous-pull proofs made in the background for every
 * package a page listed. A proof is three anonymous registry requests (token, tag list, manifest HEAD) and costs no
 * GitHub API budget; {@code perRun} bounds what the dashboard asks of the registry.
 *
 * @param interval pause between two runs
 * @param perRun at most this many packages are proved per run (missing and disagreeing proofs first)
 * @param maxAge a proof older than this is made again
 */
@Validated
@ConfigurationProperties("ghcr-dashboard.visibility.proofs")
record ProofProperties(
        @NotNull @DefaultValue("10s") Duration interval,
        @Min(1) @DefaultValue("5") int perRun,
        @NotNull @DefaultValue("6h") Duration maxAge) {
}
