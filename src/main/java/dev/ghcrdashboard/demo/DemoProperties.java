package dev.ghcrdashboard.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Demo mode settings. {@code enabled} is set by {@link DemoModeEnvironmentPostProcessor}, never by hand.
 *
 * @param enabled whether the bundled GitHub simulator runs; set automatically when no GitHub OAuth App
 *        client id is configured, never by hand
 * @param simulatorPort port of the bundled simulator in demo mode (0 = any free loopback port)
 * @param scenario the simulator scenario to load (a {@code classpath:} or file location)
 */
@ConfigurationProperties("ghcr-dashboard.demo")
public record DemoProperties(boolean enabled, int simulatorPort, String scenario) {
}
