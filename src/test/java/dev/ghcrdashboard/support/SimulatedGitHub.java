package dev.ghcrdashboard.support;

import dev.ghcrdashboard.simulator.Scenario;
import dev.ghcrdashboard.simulator.Simulator;
import dev.ghcrdashboard.simulator.SimulatorOptions;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a {@code @SpringBootTest} dashboard at a GitHub simulator, exactly as an operator points it
 * at github.com: OAuth client, REST API, web and registry URLs. Each test class starts its own
 * simulator (state changes in one class never leak into another) and gets its own in-memory database.
 * <pre>
 * static final Simulator github = SimulatedGitHub.start(SimulatedGitHub.DEMO);
 * &#64;DynamicPropertySource static void github(DynamicPropertyRegistry registry) { SimulatedGitHub.configure(registry, github); }
 * </pre>
 */
public final class SimulatedGitHub {

    public static final String DEMO = "classpath:scenarios/demo.yml";

    private SimulatedGitHub() {
    }

    public static Simulator start(String scenario) {
        return start(scenario, SimulatorOptions.defaults());
    }

    public static Simulator start(String scenario, SimulatorOptions options) {
        Simulator simulator = Simulator.start(Scenario.load(scenario), options);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        return simulator;
    }

    public static void configure(DynamicPropertyRegistry registry, Simulator simulator) {
        registry.add("spring.security.oauth2.client.registration.github.client-id", () -> "demo-client");
        registry.add("spring.security.oauth2.client.registration.github.client-secret", () -> "demo-secret");
        registry.add("ghcr-dashboard.github.api-url", () -> simulator.apiUrl().toString());
        registry.add("ghcr-dashboard.github.web-url", () -> simulator.baseUrl().toString());
        registry.add("ghcr-dashboard.registry.url", () -> simulator.baseUrl().toString());
        registry.add("ghcr-dashboard.registry.service", simulator::registryService);
        String database = "dashboard-" + UUID.randomUUID();
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1");
    }
}
