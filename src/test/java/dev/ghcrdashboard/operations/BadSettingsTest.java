package dev.ghcrdashboard.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.support.DashboardProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each bad setting, started as an operator would start it (a separate JVM): the process exits non-zero and its
 * output says, in one sentence, which setting and what to do, without a stack trace of the dashboard's own.
 * And with nothing configured at all, the demo starts.
 */
class BadSettingsTest {

    private static final Duration EXIT_WITHIN = Duration.ofSeconds(120);
    private static final String KEY = "a configured key that is long enough";

    @TempDir
    static Path dataDir;

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of("postgres-without-key",
                        Map.of("spring.datasource.url", "jdbc:postgresql://127.0.0.1:" + closedPort() + "/ghcr"),
                        "ghcr-dashboard.secret-key (GHCR_DASHBOARD_SECRET_KEY) is not set, but the database is shared"),
                Arguments.of("unreachable-database",
                        Map.of("spring.datasource.url", "jdbc:postgresql://127.0.0.1:" + closedPort() + "/ghcr",
                                "ghcr-dashboard.secret-key", KEY),
                        "The database at spring.datasource.url (SPRING_DATASOURCE_URL) jdbc:postgresql://127.0.0.1:"),
                Arguments.of("not-a-jdbc-url",
                        Map.of("spring.datasource.url", "postgres://db.example:5432/ghcr", "ghcr-dashboard.secret-key", KEY),
                        "spring.datasource.url (SPRING_DATASOURCE_URL) is 'postgres://db.example:5432/ghcr', which is neither a"
                                + " PostgreSQL nor an H2 JDBC URL; write it as jdbc:postgresql://HOST:5432/DATABASE"),
                Arguments.of("unreadable-jdbc-url",
                        Map.of("spring.datasource.url", "jdbc:postgresql://db.example:port/ghcr?password=hunter2",
                                "ghcr-dashboard.secret-key", KEY),
                        "spring.datasource.url (SPRING_DATASOURCE_URL) is 'jdbc:postgresql://db.example:port/ghcr?…', which the"
                                + " database driver cannot read"),
                Arguments.of("api-url-without-scheme",
                        // With an OAuth App configured: demo mode would point the dashboard at its bundled simulator.
                        Map.of("ghcr-dashboard.github.api-url", "api.github.com",
                                "spring.security.oauth2.client.registration.github.client-id", "Iv1.0123456789abcdef",
                                "spring.security.oauth2.client.registration.github.client-secret", "not-a-real-secret"),
                        "ghcr-dashboard.github.api-url (GHCR_DASHBOARD_GITHUB_API_URL) is 'api.github.com', which is not an"
                                + " http or https URL with a host; set GHCR_DASHBOARD_GITHUB_API_URL to a full http or https address"),
                Arguments.of("client-id-without-secret",
                        Map.of("spring.security.oauth2.client.registration.github.client-id", "Iv1.0123456789abcdef"),
                        "GITHUB_CLIENT_ID is set but GITHUB_CLIENT_SECRET"),
                Arguments.of("short-secret-key",
                        Map.of("ghcr-dashboard.secret-key", "short"),
                        "ghcr-dashboard.secret-key (GHCR_DASHBOARD_SECRET_KEY) is shorter than 16 characters"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSettings")
    void aBadSettingStopsTheStartWithOneSentenceAndANonZeroExit(String name, Map<String, String> bad, String sentence) {
        Map<String, String> settings = new LinkedHashMap<>(bad);
        settings.put("ghcr-dashboard.data-dir", dataDir.resolve(name).toString());

        DashboardProcess.Exited exited = DashboardProcess.runUntilExit(dataDir, name, settings, EXIT_WITHIN);

        assertThat(exited.exitCode()).as(exited.output()).isNotZero();
        assertThat(exited.output()).contains("APPLICATION FAILED TO START").contains(sentence)
                .as("the password in the URL is never printed").doesNotContain("hunter2");
        String analysis = exited.output().substring(exited.output().indexOf("APPLICATION FAILED TO START"));
        assertThat(analysis).as("the analysis is the sentence, not a stack trace").doesNotContain("\tat dev.ghcrdashboard");
    }

    @Test
    void withNothingConfiguredTheDemoStarts() {
        try (var demo = DashboardProcess.start("nothing-configured", dataDir,
                Map.of("ghcr-dashboard.data-dir", dataDir.resolve("demo").toString()))) {
            assertThat(demo.alive()).isTrue();
            assertThat(demo.logText()).contains("Started GhcrDashboardApplication");
        }
    }

    /** A loopback port nothing listens on: the socket that had it is closed again at once. */
    private static int closedPort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
