package dev.ghcrdashboard.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * A test of the whole dashboard against a GitHub simulator, which the dashboard is pointed at exactly as
 * an operator points it at github.com: OAuth client, REST API, web and registry URLs.
 *
 * <p>Each test class gets its own simulator, started from {@link #scenario()} (or by {@link #setup()}),
 * its own empty database and its own data directory, so what one class changes never leaks into
 * another. The test reaches them as beans: {@code @Autowired Simulator github} for the simulator's URLs
 * and control hooks, {@code @Autowired Dashboard dashboard} for the dashboard's own address. After the
 * class, the application context is closed (no other class could reuse it), then the simulator.
 * <pre>
 * &#64;SimulatorBackedTest(scenario = "classpath:scenarios/drift.yml")
 * class DriftReportTest {
 *     &#64;Autowired Simulator github;
 *     &#64;Autowired Dashboard dashboard;
 * }
 * </pre>
 * The world starts before Spring builds anything, so when a real service it needs ({@link #database()},
 * or one a {@link #setup()} starts) is missing, the class is skipped with a loud message on a laptop and
 * fails in CI. Browser tests add {@link Browser}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
// Declared before @SpringBootTest: the world starts before SpringExtension builds the context, and stops after it closes.
@ExtendWith(SimulatedWorld.class)
@SpringBootTest
@ContextCustomizerFactories(SimulatedGitHubCustomizerFactory.class)
@DirtiesContext
public @interface SimulatorBackedTest {

    /** The world the simulator starts with: a scenario's {@code classpath:} or file location. */
    String scenario() default SimulatedGitHub.DEMO;

    /** Starts the simulator instead, for a class that needs more than a scenario file with default options. */
    Class<? extends SimulatorSetup> setup() default SimulatorSetup.class;

    /** The dashboard's database, empty at the start of the class. */
    Database database() default Database.H2;

    /** Further application properties ({@code key=value}), as for {@link SpringBootTest#properties()}. */
    @AliasFor(annotation = SpringBootTest.class, attribute = "properties")
    String[] properties() default {};

    /** A real server on a random port by default: most of these tests talk to the dashboard over HTTP. */
    @AliasFor(annotation = SpringBootTest.class, attribute = "webEnvironment")
    SpringBootTest.WebEnvironment webEnvironment() default SpringBootTest.WebEnvironment.RANDOM_PORT;

    enum Database {
        /** In memory, the default: quick, and gone with the class. */
        H2,
        /** A fresh database on a real PostgreSQL, the production database (see {@link RealPostgres}). */
        POSTGRESQL
    }
}
