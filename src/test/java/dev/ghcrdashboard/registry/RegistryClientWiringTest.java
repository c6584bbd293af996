package dev.ghcrdashboard.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ghcrdashboard.caching.CacheStatistics;

/** The client as Spring builds it: properties bound with their defaults, the cache tables migrated. */
class RegistryClientWiringTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RegistryProperties.class)
    @Import({RegistryClient.class, CacheStatistics.class})
    static class RegistryOnly {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
                    JdbcClientAutoConfiguration.class, FlywayAutoConfiguration.class, CodecsAutoConfiguration.class, WebClientAutoConfiguration.class))
            .withUserConfiguration(RegistryOnly.class)
            .withBean(Clock.class, Clock::systemUTC)
            .withPropertyValues("spring.datasource.url=jdbc:h2:mem:wiring;DB_CLOSE_DELAY=-1");

    @Test
    void defaultsPointAtGhcr() {
        context.run(app -> {
            assertThat(app).hasSingleBean(RegistryClient.class);
            RegistryProperties properties = app.getBean(RegistryProperties.class);
            assertThat(properties.url()).isEqualTo(URI.create("https://ghcr.io"));
            assertThat(properties.service()).isEqualTo("ghcr.io");
            assertThat(properties.concurrency()).isEqualTo(48);
            assertThat(properties.retries()).isEqualTo(2);
            assertThat(app.getBean(JdbcClient.class).sql("SELECT COUNT(*) FROM registry_manifest").query(Long.class).single()).isZero();
        });
    }

    @Test
    void bindsOverrides() {
        context.withPropertyValues("ghcr-dashboard.registry.url=http://127.0.0.1:5000", "ghcr-dashboard.registry.concurrency=3",
                "ghcr-dashboard.registry.response-timeout=2s").run(app -> {
                    RegistryProperties properties = app.getBean(RegistryProperties.class);
                    assertThat(properties.url()).isEqualTo(URI.create("http://127.0.0.1:5000"));
                    assertThat(properties.concurrency()).isEqualTo(3);
                    assertThat(properties.responseTimeout()).isEqualTo(Duration.ofSeconds(2));
                });
    }
}
