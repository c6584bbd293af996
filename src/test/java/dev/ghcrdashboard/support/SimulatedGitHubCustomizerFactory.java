package dev.ghcrdashboard.support;

import dev.ghcrdashboard.simulator.Scenario;
import dev.ghcrdashboard.simulator.Simulator;
import dev.ghcrdashboard.simulator.SimulatorOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.TestPropertySourceUtils;

/** Builds the world of a {@link SimulatorBackedTest} class into its application context. */
final class SimulatedGitHubCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        SimulatorBackedTest settings = TestContextAnnotationUtils.findMergedAnnotation(testClass, SimulatorBackedTest.class);
        return settings == null ? null : new SimulatedGitHubCustomizer(testClass, settings);
    }

    /** Equal only for the same test class: each class has a simulator of its own, so no two classes share a context. */
    private record SimulatedGitHubCustomizer(Class<?> testClass, SimulatorBackedTest settings) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            Simulator simulator = start();
            if (!(context.getBeanFactory() instanceof DefaultListableBeanFactory beans)) {
                simulator.close();
                throw new IllegalStateException("unexpected bean factory " + context.getBeanFactory().getClass());
            }
            // Registered before the application's own beans, so it is closed after them: nothing calls a stopped simulator.
            beans.registerSingleton("simulatedGitHub", simulator);
            beans.registerDisposableBean("simulatedGitHub", simulator::close);
            beans.registerSingleton("dashboardUnderTest", new Dashboard(context.getEnvironment()));

            Map<String, Object> properties = new LinkedHashMap<>(SimulatedGitHub.properties(simulator));
            properties.putAll(database());
            properties.put("ghcr-dashboard.data-dir", dataDirectory());
            // Below the test's own properties (@SimulatorBackedTest(properties = …), @TestPropertySource), above application.yml.
            MutablePropertySources sources = context.getEnvironment().getPropertySources();
            MapPropertySource world = new MapPropertySource("simulatedGitHub", properties);
            if (sources.contains(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)) {
                sources.addAfter(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, world);
            } else {
                sources.addFirst(world);
            }
        }

        private Simulator start() {
            if (settings.setup() == SimulatorSetup.class) {
                return Simulator.start(Scenario.load(settings.scenario()), SimulatorOptions.defaults());
            }
            if (!settings.scenario().equals(SimulatedGitHub.DEMO)) {
                throw new IllegalStateException(testClass.getName() + ": give a scenario or a setup, not both");
            }
            return BeanUtils.instantiateClass(settings.setup()).start();
        }

        private Map<String, Object> database() {
            return switch (settings.database()) {
                case H2 -> Map.of("spring.datasource.url", "jdbc:h2:mem:dashboard-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
                case POSTGRESQL -> {
                    RealPostgres.Database database = RealPostgres.newDatabase();
                    yield Map.of("spring.datasource.url", database.jdbcUrl(),
                            "spring.datasource.username", database.user(),
                            "spring.datasource.password", database.password());
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
}
