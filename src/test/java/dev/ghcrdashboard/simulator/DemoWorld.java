package dev.ghcrdashboard.simulator;

import java.net.URI;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The demo scenario in a running simulator, for the simulator's own tests. Registered on an instance
 * field, every test gets a fresh world; on a static field, the class shares one:
 * <pre>
 * &#64;RegisterExtension
 * final DemoWorld simulator = new DemoWorld();
 * final SimHttp http = new SimHttp(simulator::baseUrl);
 * </pre>
 */
final class DemoWorld implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private Simulator simulator;
    private boolean sharedByTheClass;

    @Override
    public void beforeAll(ExtensionContext context) {
        sharedByTheClass = true;
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!sharedByTheClass) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!sharedByTheClass) {
            simulator.close();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        simulator.close();
    }

    SimulatorControl control() {
        return simulator.control();
    }

    URI baseUrl() {
        return simulator.baseUrl();
    }

    URI apiUrl() {
        return simulator.apiUrl();
    }

    private void start() {
        simulator = Simulator.start(Scenario.demo(), SimulatorOptions.defaults());
    }
}
