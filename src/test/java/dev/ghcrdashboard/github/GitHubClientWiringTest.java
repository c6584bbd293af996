package dev.ghcrdashboard.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import dev.ghcrdashboard.caching.CacheStatistics;

/** The client is a bean built from Boot's WebClient.Builder and the bound properties. */
class GitHubClientWiringTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(GitHubProperties.class)
    @Import({GitHubClient.class, GitHubRequestStats.class, CacheStatistics.class})
    static class GitHubModule {
    }

    @Test
    void theClientIsCreatedFromConfiguration() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class))
                .withUserConfiguration(GitHubModule.class)
                .withBean(Clock.class, Clock::systemUTC)
                .withPropertyValues("ghcr-dashboard.github.api-url=http://127.0.0.1:1/api/v3")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(GitHubClient.class);
                    assertThat(context.getBean(GitHubProperties.class).apiUrl())
                            .isEqualTo(URI.create("http://127.0.0.1:1/api/v3"));
                    assertThat(context.getBean(GitHubClient.class).requestStats())
                            .isSameAs(context.getBean(GitHubRequestStats.class));
                });
    }
}
