package dev.ghcrdashboard.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Demo mode settings. {@code enabled} is set by {@link DemoModeEnvironmentPostProcessor}, never by hand.
 *
 * @param scenario the simulator scenario to load (a {@code classpath:} or file location)
 */
@ConfigurationProperties("ghcr-dashboard.demo")
public record DemoProperties(boolean enabled, int simulatorPort, String scenario) {
}
