package dev.ghcrdashboard.support;

import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.TestPropertySourceUtils;

/** Wires the running {@link SimulatedWorld} of a {@link SimulatorBackedTest} class into its application context. */
final class SimulatedGitHubCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        boolean simulatorBacked = TestContextAnnotationUtils.hasAnnotation(testClass, SimulatorBackedTest.class);
        return simulatorBacked ? new SimulatedGitHubCustomizer(testClass) : null;
    }

    /** Equal only for the same test class: each class has a world of its own, so no two classes share a context. */
    private record SimulatedGitHubCustomizer(Class<?> testClass) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            SimulatedWorld.World world = SimulatedWorld.of(testClass);
            context.getBeanFactory().registerSingleton("simulatedGitHub", world.simulator());
            context.getBeanFactory().registerSingleton("dashboardUnderTest", new Dashboard(context.getEnvironment()));
            // Below the test's own properties (@SimulatorBackedTest(properties = …), @TestPropertySource), above application.yml.
            MutablePropertySources sources = context.getEnvironment().getPropertySources();
            MapPropertySource properties = new MapPropertySource("simulatedWorld", world.properties());
            if (sources.contains(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)) {
                sources.addAfter(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, properties);
            } else {
                sources.addFirst(properties);
            }
        }
    }
}
