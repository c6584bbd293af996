package dev.ghcrdashboard.support;

import dev.ghcrdashboard.simulator.Simulator;
import java.util.Map;

/**
 * The settings that point the dashboard at a GitHub simulator, exactly as an operator points it at
 * github.com: OAuth client, REST API, web and registry URLs. {@link SimulatorBackedTest} applies them;
 * a test that wires its world by hand (a real registry, say) starts from them too.
 */
public final class SimulatedGitHub {

    /** The demo world: the octocat user, the acme and octo-labs organizations and their packages (docs/simulator.md). */
    public static final String DEMO = "classpath:scenarios/demo.yml";

    private SimulatedGitHub() {
    }

    public static Map<String, String> properties(Simulator simulator) {
        return Map.of(
                "spring.security.oauth2.client.registration.github.client-id", "demo-client",
                "spring.security.oauth2.client.registration.github.client-secret", "demo-secret",
                "ghcr-dashboard.github.api-url", simulator.apiUrl().toString(),
                "ghcr-dashboard.github.web-url", simulator.baseUrl().toString(),
                "ghcr-dashboard.registry.url", simulator.baseUrl().toString(),
                "ghcr-dashboard.registry.service", simulator.registryService());
    }
}
