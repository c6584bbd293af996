package dev.ghcrdashboard.github;

import static dev.ghcrdashboard.github.GitHubClientTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import dev.ghcrdashboard.caching.CacheStatistics;

/** The token must not surface in any log line (at any level) or exception message of a failing call. */
class GitHubClientTokenSecrecyTest {

    // A made-up token shaped like GitHub's, assembled at run time so secret scanners do not flag the test.
    static final String SECRET = "gho_" + "TopSecretTokenThatMustNeverLeak4242";
    static final AccessToken TOKEN = new AccessToken(SECRET);
    static final Owner ACME = new Owner("acme", OwnerType.ORGANIZATION, null);

    MockWebServer server;
    GitHubClient client;
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger root;
    Level rootLevel;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
        client = clientFor(URI.create(server.url("/").toString().replaceAll("/$", "")));
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.TRACE);
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void stop() {
        root.detachAppender(logs);
        root.setLevel(rootLevel);
        server.close();
    }

    static GitHubClient clientFor(URI api) {
        Pauses noWait = duration -> Mono.empty();
        return new GitHubClient(WebClient.builder(), GitHubProperties.forApi(api), new GitHubRequestStats(), new CacheStatistics(), noWait,
                Clock.systemUTC(), JsonMapper.shared());
    }

    @Test
    void failingCallsNeverRevealTheToken() throws Exception {
        server.enqueue(json(401, "{\"message\":\"Bad credentials\"}"));
        server.enqueue(json(403, "{\"message\":\"token " + SECRET + " lacks delete:packages\"}"));
        server.enqueue(json(400, "{\"message\":\"Cannot use " + SECRET + " here\"}"));
        server.enqueue(json(404, "{\"message\":\"Package not found.\"}"));
        for (int i = 0; i < 3; i++) {
            server.enqueue(json(503, "{\"message\":\"" + SECRET + "\"}"));
        }
        server.enqueue(json(403, "{\"message\":\"You have exceeded a secondary rate limit\"}").newBuilder()
                .addHeader("Retry-After", "3600").build());

        List<Throwable> failures = new ArrayList<>();
        failures.add(catchThrowable(() -> client.currentUser(TOKEN)));
        failures.add(catchThrowable(() -> client.deleteVersion(ACME, "app", 1, TOKEN)));
        failures.add(catchThrowable(() -> client.deleteVersion(ACME, "app", 1, TOKEN)));
        failures.add(catchThrowable(() -> client.containerPackage(ACME, "app", TOKEN)));
        failures.add(catchThrowable(() -> client.versions(ACME, "app", VersionState.ACTIVE, TOKEN)));
        failures.add(catchThrowable(() -> client.packages(ACME, TOKEN)));
        int port = server.getPort();
        server.close();
        failures.add(catchThrowable(() -> clientFor(URI.create("http://127.0.0.1:" + port)).packages(ACME, TOKEN)));

        assertThat(failures).hasSize(7).allSatisfy(failure -> {
            assertThat(failure).isInstanceOf(GitHubException.class);
            for (Throwable t = failure; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(SECRET);
                assertThat(t.toString()).doesNotContain(SECRET);
            }
        });
        assertThat(failures.get(1)).isInstanceOf(GitHubMissingScopeException.class);
        assertThat(failures.get(2).getMessage()).contains("Cannot use *** here");
        // Stop collecting first: with the root logger at TRACE, threads of other tests' servers in this JVM
        // keep appending, and iterating the appender's plain list meanwhile fails with a CME.
        root.detachAppender(logs);
        List<ILoggingEvent> logged;
        synchronized (logs) {
            logged = List.copyOf(logs.list);
        }
        assertThat(logged).isNotEmpty().allSatisfy(event -> {
            assertThat(event.getFormattedMessage()).doesNotContain(SECRET);
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(SECRET);
            }
        });
    }
}
