package dev.ghcrdashboard.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns on demo mode when no GitHub OAuth App is configured: the dashboard then talks to the bundled
 * GitHub simulator instead of github.com, so a fresh checkout starts and shows something real.
 * Runs before the context exists because the OAuth client registration and the GitHub/registry URLs
 * are bound from these properties.
 */
public final class DemoModeEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String DEMO_CLIENT_ID = "demo-client";
    static final String DEMO_CLIENT_SECRET = "demo-secret";
    private static final String CLIENT_ID = "spring.security.oauth2.client.registration.github.client-id";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String clientId = environment.getProperty(CLIENT_ID, "");
        // The test build switches the automatic demo off: its Spring tests point the dashboard at
        // their own simulator through properties that do not exist yet when this runs.
        boolean automatic = environment.getProperty("ghcr-dashboard.demo.automatic", Boolean.class, true);
        if (!clientId.isBlank() || !automatic) {
            return;
        }
        int port = environment.getProperty("ghcr-dashboard.demo.simulator-port", Integer.class, 0);
        if (port == 0) {
            port = freeLoopbackPort();
        }
        String simulator = "http://127.0.0.1:" + port;
        Map<String, Object> demo = new LinkedHashMap<>();
        demo.put("ghcr-dashboard.demo.enabled", "true");
        demo.put("ghcr-dashboard.demo.simulator-port", port);
        demo.put(CLIENT_ID, DEMO_CLIENT_ID);
        demo.put("spring.security.oauth2.client.registration.github.client-secret", DEMO_CLIENT_SECRET);
        demo.put("ghcr-dashboard.github.api-url", simulator + "/api/v3");
        demo.put("ghcr-dashboard.github.web-url", simulator);
        demo.put("ghcr-dashboard.registry.url", simulator);
        demo.put("ghcr-dashboard.registry.service", "ghcr-simulator");
        environment.getPropertySources().addFirst(new MapPropertySource("ghcrDashboardDemoMode", demo));
    }

    @Override
    public int getOrder() {
        // After application.yml and the environment are loaded, so an explicit client id wins.
        return Ordered.LOWEST_PRECEDENCE;
    }

    private static int freeLoopbackPort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port for the demo simulator", e);
        }
    }
}
