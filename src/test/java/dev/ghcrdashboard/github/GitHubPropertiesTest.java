package dev.ghcrdashboard.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.FileSystemResource;

class GitHubPropertiesTest {

    @Test
    void unsetValuesFallBackToGitHubComDefaults() {
        GitHubProperties bound = bind(Map.of());

        assertThat(bound).isEqualTo(GitHubProperties.defaults());
        assertThat(bound.apiUrl()).isEqualTo(URI.create("https://api.github.com"));
        assertThat(bound.pageConcurrency()).isEqualTo(6);
        assertThat(bound.maxSecondaryWait()).isEqualTo(Duration.ofSeconds(90));
        assertThat(bound.retries()).isEqualTo(2);
        assertThat(bound.retryBackoff()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void enterpriseServerAndTuningBindFromConfiguration() {
        GitHubProperties bound = bind(Map.of(
                "ghcr-dashboard.github.api-url", "https://ghe.example.com/api/v3",
                "ghcr-dashboard.github.page-concurrency", "3",
                "ghcr-dashboard.github.max-secondary-wait", "2m",
                "ghcr-dashboard.github.retries", "3",
                "ghcr-dashboard.github.retry-backoff", "100ms"));

        assertThat(bound.apiUrl()).isEqualTo(URI.create("https://ghe.example.com/api/v3"));
        assertThat(bound.pageConcurrency()).isEqualTo(3);
        assertThat(bound.maxSecondaryWait()).isEqualTo(Duration.ofMinutes(2));
        assertThat(bound.retries()).isEqualTo(3);
        assertThat(bound.retryBackoff()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void theShippedConfigurationFileBindsToTheDefaults() throws Exception {
        var sources = new YamlPropertySourceLoader().load("application.yml", new FileSystemResource("application.yml"));

        GitHubProperties bound = new Binder(ConfigurationPropertySources.from(sources))
                .bindOrCreate("ghcr-dashboard.github", GitHubProperties.class);

        assertThat(bound).isEqualTo(GitHubProperties.defaults());
    }

    private static GitHubProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("ghcr-dashboard.github", GitHubProperties.class);
    }
}
