package dev.ghcrdashboard.visibility;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.github.AccessToken;
import dev.ghcrdashboard.security.SignedInUser;
import dev.ghcrdashboard.github.ContainerPackage;
import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.github.OwnerType;
import dev.ghcrdashboard.github.Visibility;
import dev.ghcrdashboard.caching.CacheStatistics;
import dev.ghcrdashboard.persistence.OnceAcrossInstances;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * The feature's beans as the application will create them (component scan, configuration binding,
 * Flyway, scheduling), with the four ports the integrator wires replaced by stand-ins.
 */
class VisibilityWiringTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                    DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
                    JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class, FlywayAutoConfiguration.class,
                    TaskSchedulingAutoConfiguration.class))
            .withUserConfiguration(Feature.class)
            .withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                    "ghcr-dashboard.github.web-url=https://ghes.example.test");

    @Test
    void defaultsMatchTheIssueAndTheDriftScheduleIsOff() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            VisibilityProperties properties = context.getBean(VisibilityProperties.class);
            assertThat(properties.changeTimeout()).isEqualTo(Duration.ofMinutes(15));
            assertThat(properties.pollInterval()).isEqualTo(Duration.ofSeconds(5));
            assertThat(properties.driftRecheckInterval()).isNull();
            assertThat(context).hasSingleBean(VisibilityScheduling.ChangeWatcher.class);
            assertThat(context).hasSingleBean(VisibilityScheduling.BackgroundProver.class);
            assertThat(context.getBean(ProofProperties.class)).isEqualTo(new ProofProperties(Duration.ofSeconds(10), 5, Duration.ofHours(6)));
            assertThat(context).doesNotHaveBean(VisibilityScheduling.DriftRechecker.class);
            assertThat(context.getBean(VisibilityChanger.class)).isInstanceOf(GuidedVisibilityChanger.class);
        });
    }

    @Test
    void driftScheduleCanBeSwitchedOn() {
        runner.withPropertyValues("ghcr-dashboard.visibility.drift-recheck-interval=1h").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(VisibilityScheduling.DriftRechecker.class);
        });
    }

    @Test
    void watcherVerifiesAChangeAndTheEventReachesListeners() {
        runner.run(context -> {
            var changes = context.getBean(VisibilityChanges.class);
            var acme = new Owner("acme", OwnerType.ORGANIZATION, null);
            var started = changes.start(acme, "tools/cli", Visibility.PUBLIC,
                    new SignedInUser("alice", new AccessToken("gho_alice"), Set.of()));
            assertThat(started.settingsPage())
                    .hasToString("https://ghes.example.test/orgs/acme/packages/container/tools%2Fcli/settings");

            context.getBean(Feature.class).gitHubReports.set(Visibility.PUBLIC);
            context.getBean(VisibilityScheduling.ChangeWatcher.class).poll();

            assertThat(changes.find(started.change().id()).orElseThrow().state()).isEqualTo(ChangeState.VERIFIED);
            assertThat(context.getBean(Feature.class).heard)
                    .hasExactlyElementsOfTypes(VisibilityChangeStarted.class, VisibilityChangeVerified.class);
        });
    }

    @Test
    void transactionalRepositoriesWorkThroughTheirProxies() {
        runner.run(context -> {
            var acme = new Owner("acme", OwnerType.ORGANIZATION, null);
            var alice = new SignedInUser("alice", new AccessToken("gho_alice"), Set.of());
            GuidedQueue queue = context.getBean(VisibilityQueues.class)
                    .create(acme, List.of("a", "b"), Visibility.PRIVATE, alice);
            assertThat(queue.items()).hasSize(2);
            var drift = context.getBean(VisibilityDrift.class);
            drift.check(acme, alice);
            assertThat(drift.latestRun("acme")).get().extracting(DriftRun::packageCount).isEqualTo(0);
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({VisibilityProperties.class, ProofProperties.class})
    // VisibilityWiring connects the ports to the real clients; this test stands in for them below.
    @ComponentScan(basePackageClasses = VisibilityChanges.class, excludeFilters = {
            @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = {Controller.class, ControllerAdvice.class}),
            @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = VisibilityWiring.class)})
    static class Feature {

        final AtomicReference<Visibility> gitHubReports = new AtomicReference<>(Visibility.PRIVATE);
        final List<Object> heard = new ArrayList<>();

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        /** The persistence module's scheduler lock, as the application has it: ShedLock rows in the database. */
        @Bean
        OnceAcrossInstances onceAcrossInstances(DataSource dataSource) {
            return new OnceAcrossInstances(new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                    .withJdbcTemplate(new JdbcTemplate(dataSource)).usingDbTime().build()));
        }

        @Bean
        CacheStatistics cacheStatistics() {
            return new CacheStatistics();
        }

        @Bean
        PackageVisibilitySource packageVisibilitySource() {
            return (owner, name, token) -> new ContainerPackage(1, name, owner, gitHubReports.get(), null, null, 1,
                    Instant.EPOCH, Instant.EPOCH, null);
        }

        @Bean
        AnonymousPullProver anonymousPullProver() {
            return (owner, name) -> new PullProof(gitHubReports.get() == Visibility.PUBLIC, "stand-in", Instant.now());
        }

        @Bean
        OwnerPackagesSource ownerPackagesSource() {
            return (owner, token) -> List.of();
        }

        @EventListener
        void on(VisibilityChangeStarted event) {
            heard.add(event);
        }

        @EventListener
        void on(VisibilityChangeVerified event) {
            heard.add(event);
        }
    }
}
