package dev.ghcrdashboard.demo;

import dev.ghcrdashboard.simulator.Scenario;
import dev.ghcrdashboard.simulator.Simulator;
import dev.ghcrdashboard.simulator.SimulatorOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * Runs the bundled GitHub simulator inside the dashboard's process in demo mode, on the port
 * {@link DemoModeEnvironmentPostProcessor} chose, so sign-in, listing and every other page work
 * against a believable GitHub without any credentials.
 */
@Component
@ConditionalOnBooleanProperty("ghcr-dashboard.demo.enabled")
class DemoSimulator implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DemoSimulator.class);

    private final Simulator simulator;

    DemoSimulator(DemoProperties demo) {
        Scenario scenario = Scenario.load(demo.scenario());
        this.simulator = Simulator.start(scenario, SimulatorOptions.defaults()
                .withPort(demo.simulatorPort())
                .withRegistryService("ghcr-simulator"));
        log.warn("DEMO MODE: no GitHub OAuth App configured (GITHUB_CLIENT_ID is empty). The dashboard talks to the "
                + "bundled GitHub simulator at {} with scenario {}. Set GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET "
                + "to use github.com.", simulator.baseUrl(), demo.scenario());
    }

    @Override
    public void destroy() {
        simulator.close();
    }
}
