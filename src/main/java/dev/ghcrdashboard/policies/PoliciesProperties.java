package dev.ghcrdashboard.policies;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Retention policies.
 *
 * @param shareThreshold percent of a package's versions an act run may delete before it stops and asks (the default
 *                       of a new policy; each policy may set its own)
 * @param tick how often an instance looks for due policies
 */
@ConfigurationProperties("ghcr-dashboard.policies")
record PoliciesProperties(Integer shareThreshold, Duration tick) {

    PoliciesProperties {
        shareThreshold = shareThreshold == null ? 50 : shareThreshold;
        tick = tick == null ? Duration.ofSeconds(30) : tick;
        if (shareThreshold < 1 || shareThreshold > 100) {
            throw new IllegalArgumentException("ghcr-dashboard.policies.share-threshold must be between 1 and 100 (percent)");
        }
    }
}
