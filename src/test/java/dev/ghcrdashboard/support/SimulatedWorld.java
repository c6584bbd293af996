package dev.ghcrdashboard.support;

import dev.ghcrdashboard.simulator.Scenario;
import dev.ghcrdashboard.simulator.Simulator;
import dev.ghcrdashboard.simulator.SimulatorOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.springframework.beans.BeanUtils;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Starts the world of a {@link SimulatorBackedTest} class (simulator, database, data directory) before
 * Spring builds the class's context, and stops it after the context is closed. Starting first means a
 * missing real service skips the class (laptop) or fails it (CI) with {@code REAL SERVICE MISSING},
 * instead of surfacing as a context that failed to load. {@link SimulatedGitHubCustomizerFactory}
 * wires the running world into the context.
 */
final class SimulatedWorld implements TestInstancePreConstructCallback, BeforeAllCallback, AfterAllCallback {

    /** What one test class runs against, and the application properties that point the dashboard at it. */
    record World(Simulator simulator, SimulatorSetup setup, Map<String, Object> properties) {
    }

    private static final Map<Class<?>, World> RUNNING = new ConcurrentHashMap<>();

    static World of(Class<?> testClass) {
        World world = RUNNING.get(testClass);
        if (world == null) {
            throw new IllegalStateException(testClass.getName() + " has no simulated world: run it as a JUnit test");
        }
        return world;
    }

    /** A class with {@code @TestInstance(PER_CLASS)} gets its instance, and so its context, before {@code beforeAll}. */
    @Override
    public void preConstructTestInstance(TestInstanceFactoryContext factory, ExtensionContext context) {
        start(factory.getTestClass());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start(context.getRequiredTestClass());
    }

    private static void start(Class<?> testClass) {
        if (RUNNING.containsKey(testClass)) {
            return;
        }
        SimulatorBackedTest settings = TestContextAnnotationUtils.findMergedAnnotation(testClass, SimulatorBackedTest.class);
        Map<String, Object> properties = new LinkedHashMap<>(database(settings.database()));
        properties.put("ghcr-dashboard.data-dir", dataDirectory());
        SimulatorSetup setup = setup(testClass, settings);
        Simulator simulator = setup.start();
        properties.putAll(SimulatedGitHub.properties(simulator));
        properties.putAll(setup.properties(simulator));
        RUNNING.put(testClass, new World(simulator, setup, properties));
    }

    /** Runs after SpringExtension's (extensions unwind in reverse), so the dashboard has stopped calling the simulator. */
    @Override
    public void afterAll(ExtensionContext context) {
        World world = RUNNING.remove(context.getRequiredTestClass());
        if (world != null) {
            world.simulator().close();
            world.setup().stop();
        }
    }

    private static SimulatorSetup setup(Class<?> testClass, SimulatorBackedTest settings) {
        if (settings.setup() == SimulatorSetup.class) {
            return () -> Simulator.start(Scenario.load(settings.scenario()), SimulatorOptions.defaults());
        }
        if (!settings.scenario().equals(SimulatedGitHub.DEMO)) {
            throw new IllegalStateException(testClass.getName() + ": give a scenario or a setup, not both");
        }
        return BeanUtils.instantiateClass(settings.setup());
    }

    private static Map<String, Object> database(SimulatorBackedTest.Database database) {
        return switch (database) {
            case H2 -> Map.of("spring.datasource.url", "jdbc:h2:mem:dashboard-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            case POSTGRESQL -> {
                RealPostgres.Database postgres = RealPostgres.newDatabase();
                yield Map.of("spring.datasource.url", postgres.jdbcUrl(),
                        "spring.datasource.username", postgres.user(),
                        "spring.datasource.password", postgres.password(),
                        // A shared database: the start demands a configured key (SettingsCheck).
                        "ghcr-dashboard.secret-key", "a test key that is long enough");
            }
        };
    }

    private static String dataDirectory() {
        try {
            return Files.createTempDirectory("ghcr-dashboard-test-").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
