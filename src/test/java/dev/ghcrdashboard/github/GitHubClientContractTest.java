package dev.ghcrdashboard.github;

import static dev.ghcrdashboard.github.GitHubApiExamples.example;
import static dev.ghcrdashboard.github.GitHubClientTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import dev.ghcrdashboard.caching.CacheStatistics;

/** Every request the client builds itself is an operation of GitHub's published OpenAPI description. */
class GitHubClientContractTest {

    static final AccessToken TOKEN = new AccessToken("gho_contract");
    // GitHub asks for Accept: application/vnd.github+json, a JSON type its own description does not list.
    static final OpenApiInteractionValidator GITHUB_API = OpenApiInteractionValidator
            .createForSpecificationUrl("/openapi/packages-openapi.json")
            .withLevelResolver(LevelResolver.create()
                    .withLevel("validation.request.accept.notAllowed", ValidationReport.Level.IGNORE).build())
            .build();

    MockWebServer server;
    GitHubClient client;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                if (!request.getMethod().equals("GET")) {
                    return new MockResponse.Builder().code(204).build();
                }
                if (path.equals("/user")) {
                    return json(200, GitHubClientTest.viewer("mona"));
                }
                if (path.equals("/rate_limit")) {
                    return json(200, example("rate-limit-overview"));
                }
                if (path.endsWith("/packages") || path.endsWith("/versions") || path.equals("/user/orgs")) {
                    return json(200, "[]");
                }
                return json(200, example("package-org"));
            }
        });
        server.start();
        Pauses noWait = duration -> Mono.empty();
        client = new GitHubClient(WebClient.builder(),
                GitHubProperties.forApi(java.net.URI.create(server.url("/").toString().replaceAll("/$", ""))),
                new GitHubRequestStats(), new CacheStatistics(), noWait, Clock.systemUTC(), JsonMapper.shared());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyOperationMatchesGitHubsDescription() throws Exception {
        Owner org = new Owner("acme", OwnerType.ORGANIZATION, null);
        Owner me = new Owner("mona", OwnerType.USER, null);
        Owner someoneElse = new Owner("octocat", OwnerType.USER, null);
        client.currentUser(TOKEN);
        client.organizations(TOKEN);
        client.rateLimit(TOKEN);
        for (Owner owner : List.of(org, me, someoneElse)) {
            client.packages(owner, TOKEN);
            client.containerPackage(owner, "tools/cli", TOKEN);
            client.deleteVersion(owner, "tools/cli", 7, TOKEN);
            client.restoreVersion(owner, "tools/cli", 7, TOKEN);
            client.deletePackage(owner, "tools/cli", TOKEN);
            client.restorePackage(owner, "tools/cli", TOKEN);
        }
        client.versions(org, "tools/cli", VersionState.DELETED, TOKEN);
        client.versions(me, "tools/cli", VersionState.ACTIVE, TOKEN);
        client.versions(someoneElse, "tools/cli", VersionState.ACTIVE, TOKEN);

        List<String> violations = new ArrayList<>();
        int count = server.getRequestCount();
        for (int i = 0; i < count; i++) {
            RecordedRequest recorded = server.takeRequest();
            ValidationReport report = GITHUB_API.validateRequest(toValidatorRequest(recorded));
            report.getMessages().stream()
                    .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                    .forEach(message -> violations.add(recorded.getMethod() + " " + recorded.getTarget()
                            + ": " + message.getKey() + " " + message.getMessage()));
        }
        assertThat(count).isEqualTo(3 + 3 * 6 + 3);
        assertThat(violations).isEmpty();
    }

    private static Request toValidatorRequest(RecordedRequest recorded) {
        HttpUrl url = recorded.getUrl();
        SimpleRequest.Builder request = new SimpleRequest.Builder(recorded.getMethod(), url.encodedPath());
        for (String name : url.queryParameterNames()) {
            request.withQueryParam(name, url.queryParameterValues(name));
        }
        recorded.getHeaders().names().forEach(name -> request.withHeader(name, recorded.getHeaders().values(name)));
        return request.build();
    }
}
