package dev.ghcrdashboard.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * Jobs for tests: no pacing worth speaking of, quick polls and a short lease, so a taken-over job resumes soon.
 * For the cleanup tests and the browser journeys that delete, restore or retag.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestPropertySource(properties = {
        "ghcr-dashboard.cleanup.calls-per-period=100000",
        "ghcr-dashboard.cleanup.period=1s",
        "ghcr-dashboard.cleanup.poll-interval=50ms",
        "ghcr-dashboard.cleanup.lease=2s"})
public @interface FastJobs {
}
