package dev.ghcrdashboard.support;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Checks the real services a {@link SimulatorBackedTest} class asks for before Spring builds its context.
 * A missing service then skips the class (laptop) or fails it (CI) with {@code REAL SERVICE MISSING},
 * instead of surfacing as an application context that failed to load.
 */
final class RealServicesFirst implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        SimulatorBackedTest settings = TestContextAnnotationUtils.findMergedAnnotation(context.getRequiredTestClass(),
                SimulatorBackedTest.class);
        if (settings != null && settings.database() == SimulatorBackedTest.Database.POSTGRESQL) {
            RealPostgres.assumeAvailable();
        }
    }
}
