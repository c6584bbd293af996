package dev.ghcrdashboard.github;

import static dev.ghcrdashboard.github.GitHubApiExamples.example;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import dev.ghcrdashboard.caching.CacheStatistics;
import dev.ghcrdashboard.support.MutableClock;

class GitHubClientTest {

    static final Instant NOW = Instant.parse("2026-11-27T07:00:00Z");
    // A made-up token shaped like GitHub's, assembled at run time so secret scanners do not flag the test.
    static final AccessToken TOKEN = new AccessToken("gho_" + "SuperSecretTokenValue0123456789");
    static final Owner ACME = new Owner("acme", OwnerType.ORGANIZATION, null);

    MockWebServer server;
    String base;
    final List<Duration> pauses = Collections.synchronizedList(new ArrayList<>());
    final GitHubRequestStats stats = new GitHubRequestStats();
    final MutableClock clock = new MutableClock(NOW);
    GitHubClient client;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
        base = server.url("/").toString().replaceAll("/$", "");
        client = client(6);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    GitHubClient client(int pageConcurrency) {
        return client(pageConcurrency, Duration.ofSeconds(30));
    }

    GitHubClient client(int pageConcurrency, Duration requestTimeout) {
        GitHubProperties defaults = GitHubProperties.forApi(java.net.URI.create(base));
        GitHubProperties properties = new GitHubProperties(defaults.apiUrl(), defaults.webUrl(), pageConcurrency,
                defaults.maxSecondaryWait(), defaults.secondaryBackoff(), defaults.retries(), defaults.retryBackoff(),
                requestTimeout, defaults.maxResponseSize(), defaults.conditionalCacheBytes());
        return new GitHubClient(WebClient.builder(), properties, stats, new CacheStatistics(), recordingPauses(),
                clock, JsonMapper.shared());
    }

    Pauses recordingPauses() {
        return duration -> {
            pauses.add(duration);
            return Mono.empty();
        };
    }

    // ---- headers and paths ----

    @Test
    void sendsGitHubHeadersAndTheBearerTokenAndReadsGrantedScopes() throws Exception {
        server.enqueue(json(200, example("private-user-response-with-public-and-private-profile-information"))
                .newBuilder().addHeader("X-OAuth-Scopes", "read:org, read:packages").build());

        GitHubUser user = client.currentUser(TOKEN);

        RecordedRequest request = server.takeRequest();
        assertThat(request.getTarget()).isEqualTo("/user");
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/vnd.github+json");
        assertThat(request.getHeaders().get("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN.value());
        assertThat(request.getHeaders().get("User-Agent")).isNotBlank();
        assertThat(user.login()).isEqualTo("octocat");
        assertThat(user.id()).isEqualTo(1);
        assertThat(user.grantedScopes()).containsExactlyInAnyOrder("read:org", "read:packages");
    }

    @Test
    void nestedPackageNameTravelsAsOneEncodedPathSegment() throws Exception {
        server.enqueue(json(200, example("package-org")));
        server.enqueue(new MockResponse.Builder().code(204).build());
        server.enqueue(json(200, viewer("mona")));
        server.enqueue(new MockResponse.Builder().code(204).build());

        client.containerPackage(ACME, "tools/cli", TOKEN);
        client.deleteVersion(ACME, "tools/cli", 42, TOKEN);
        client.restorePackage(new Owner("octocat", OwnerType.USER, null), "tools/cli", TOKEN);

        assertThat(server.takeRequest().getTarget()).isEqualTo("/orgs/acme/packages/container/tools%2Fcli");
        RecordedRequest delete = server.takeRequest();
        assertThat(delete.getMethod()).isEqualTo("DELETE");
        assertThat(delete.getTarget()).isEqualTo("/orgs/acme/packages/container/tools%2Fcli/versions/42");
        assertThat(server.takeRequest().getTarget()).isEqualTo("/user");
        RecordedRequest restore = server.takeRequest();
        assertThat(restore.getMethod()).isEqualTo("POST");
        assertThat(restore.getTarget()).isEqualTo("/users/octocat/packages/container/tools%2Fcli/restore");
    }

    @Test
    void listsPackagesOfOrganizationsAndUsersWithThePackageTypeFilter() throws Exception {
        server.enqueue(json(200, example("packages-for-org")));
        server.enqueue(json(200, viewer("mona")));
        server.enqueue(json(200, example("packages-for-user")));

        List<ContainerPackage> orgPackages = client.packages(new Owner("github", OwnerType.ORGANIZATION, null), TOKEN);
        List<ContainerPackage> userPackages = client.packages(new Owner("octocat", OwnerType.USER, null), TOKEN);

        assertThat(server.takeRequest().getTarget()).isEqualTo("/orgs/github/packages?package_type=container&per_page=100");
        assertThat(server.takeRequest().getTarget()).isEqualTo("/user");
        assertThat(server.takeRequest().getTarget()).isEqualTo("/users/octocat/packages?package_type=container&per_page=100");
        assertThat(orgPackages).extracting(ContainerPackage::name).containsExactly("hello_docker", "goodbye_docker");
        ContainerPackage first = orgPackages.get(0);
        assertThat(first.owner().type()).isEqualTo(OwnerType.ORGANIZATION);
        assertThat(first.visibility()).isEqualTo(Visibility.PRIVATE);
        assertThat(first.versionCount()).isEqualTo(1);
        assertThat(first.createdAt()).isEqualTo(Instant.parse("2020-05-19T22:19:11Z"));
        assertThat(userPackages).isNotEmpty().allSatisfy(p -> assertThat(p.owner().type()).isEqualTo(OwnerType.USER));
    }

    @Test
    void theSignedInUsersOwnPackagesGoThroughTheUserPaths() throws Exception {
        Owner me = new Owner("Octocat", OwnerType.USER, null);
        server.enqueue(json(200, viewer("octocat")));
        server.enqueue(json(200, example("package-versions-for-authenticated-user")));
        server.enqueue(new MockResponse.Builder().code(204).build());

        client.versions(me, "tools/cli", VersionState.ACTIVE, TOKEN);
        client.deleteVersion(me, "tools/cli", 45763, TOKEN);

        assertThat(server.takeRequest().getTarget()).isEqualTo("/user");
        assertThat(server.takeRequest().getTarget())
                .isEqualTo("/user/packages/container/tools%2Fcli/versions?state=active&per_page=100");
        assertThat(server.takeRequest().getTarget()).isEqualTo("/user/packages/container/tools%2Fcli/versions/45763");
        assertThat(server.getRequestCount()).as("the login of a token is looked up once").isEqualTo(3);
    }

    @Test
    void listsVersionsWithTagsAndState() throws Exception {
        server.enqueue(json(200, example("package-versions-for-authenticated-user")));

        List<PackageVersion> versions = client.versions(ACME, "hello_docker", VersionState.DELETED, TOKEN);

        assertThat(server.takeRequest().getTarget())
                .isEqualTo("/orgs/acme/packages/container/hello_docker/versions?state=deleted&per_page=100");
        assertThat(versions).extracting(PackageVersion::id).containsExactly(45763L, 881L);
        assertThat(versions.get(0).tags()).containsExactly("latest");
        assertThat(versions.get(1).tagged()).isFalse();
        assertThat(versions.get(0).digest()).startsWith("sha256:08a44bab");
    }

    @Test
    void aFullPageLargerThanWebClientsDefaultBufferIsAccepted() {
        String longTags = IntStream.range(0, 200).mapToObj(i -> "\"build-2026-11-27-%04d\"".formatted(i))
                .collect(Collectors.joining(",", "[", "]"));
        String page = versionsPage(1, 100).replace("\"tags\":[]", "\"tags\":" + longTags);
        assertThat(page.length()).isGreaterThan(256 * 1024);
        server.enqueue(json(200, page));

        assertThat(client.versions(ACME, "app", VersionState.ACTIVE, TOKEN)).hasSize(100);
    }

    @Test
    void anAnswerBeyondTheSizeLimitIsAGitHubFailureNotACrash() {
        GitHubProperties defaults = GitHubProperties.forApi(java.net.URI.create(base));
        client = new GitHubClient(WebClient.builder(), new GitHubProperties(defaults.apiUrl(), defaults.webUrl(), 6,
                defaults.maxSecondaryWait(), defaults.secondaryBackoff(), defaults.retries(), defaults.retryBackoff(), defaults.requestTimeout(),
                1024, defaults.conditionalCacheBytes()), stats, new CacheStatistics(), recordingPauses(), Clock.fixed(NOW, ZoneOffset.UTC),
                JsonMapper.shared());
        server.enqueue(json(200, versionsPage(1, 100)));

        assertThatThrownBy(() -> client.versions(ACME, "app", VersionState.ACTIVE, TOKEN))
                .isInstanceOf(GitHubUnavailableException.class)
                .hasMessageContaining("max-response-size");
    }

    @Test
    void countsArePublishedToMicrometer() {
        server.enqueue(json(200, example("package-org")).newBuilder().addHeader("ETag", "\"x\"").build());
        server.enqueue(new MockResponse.Builder().code(304).build());
        io.micrometer.core.instrument.simple.SimpleMeterRegistry registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        stats.bindTo(registry);

        client.containerPackage(ACME, "hello_docker", TOKEN);
        client.containerPackage(ACME, "hello_docker", TOKEN);

        assertThat(registry.get("ghcr.github.responses").tag("outcome", "fresh").functionCounter().count()).isEqualTo(1.0);
        assertThat(registry.get("ghcr.github.responses").tag("outcome", "not_modified").functionCounter().count()).isEqualTo(1.0);
    }

    @Test
    void organizationsAreOwnersOfTypeOrganization() {
        server.enqueue(json(200, example("organization-simple-items")));

        assertThat(client.organizations(TOKEN)).isNotEmpty()
                .allSatisfy(org -> assertThat(org.type()).isEqualTo(OwnerType.ORGANIZATION))
                .extracting(Owner::login).contains("github");
    }

    // ---- pagination ----

    @Test
    void followsTheNextLinkVerbatimIncludingTheOrganizationsIdForm() throws Exception {
        String next = base + "/organizations/9919/packages/container/tools%2Fcli/versions?state=active&per_page=100&page=2";
        server.enqueue(json(200, versionsPage(1, 100)).newBuilder().addHeader("Link", "<" + next + ">; rel=\"next\"").build());
        server.enqueue(json(200, versionsPage(101, 3)));

        List<PackageVersion> versions = client.versions(ACME, "tools/cli", VersionState.ACTIVE, TOKEN);

        server.takeRequest();
        assertThat(server.takeRequest().getTarget())
                .isEqualTo("/organizations/9919/packages/container/tools%2Fcli/versions?state=active&per_page=100&page=2");
        assertThat(versions).hasSize(103);
        assertThat(versions).extracting(PackageVersion::id)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 103).mapToObj(i -> (long) i).toList());
    }

    @Test
    void withoutALastLinkPagesAreFollowedOneAfterAnother() throws Exception {
        String page2 = base + "/user/9919/packages/container/app/versions?per_page=2&page=2";
        String page3 = base + "/user/9919/packages/container/app/versions?per_page=2&page=3";
        server.enqueue(json(200, versionsPage(1, 2)).newBuilder().addHeader("Link", "<" + page2 + ">; rel=\"next\"").build());
        server.enqueue(json(200, versionsPage(3, 2)).newBuilder()
                .addHeader("Link", "<" + page3 + ">; rel=\"next\", <" + base + "/user/9919/x?page=1>; rel=\"first\"").build());
        server.enqueue(json(200, versionsPage(5, 1)));

        List<PackageVersion> versions = client.versions(ACME, "app", VersionState.ACTIVE, TOKEN);

        assertThat(versions).extracting(PackageVersion::id).containsExactly(1L, 2L, 3L, 4L, 5L);
        server.takeRequest();
        assertThat(server.takeRequest().getTarget()).isEqualTo("/user/9919/packages/container/app/versions?per_page=2&page=2");
        assertThat(server.takeRequest().getTarget()).isEqualTo("/user/9919/packages/container/app/versions?per_page=2&page=3");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void remainingPagesAreFetchedConcurrentlyFromTheLastLinkAndReturnedInPageOrder() {
        int lastPage = 5;
        CountDownLatch allLaterPagesRequested = new CountDownLatch(lastPage - 1);
        List<Boolean> sawAllInFlight = Collections.synchronizedList(new ArrayList<>());
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                int page = pageOf(request.getTarget());
                if (page == 1) {
                    return json(200, versionsPage(1, 100)).newBuilder().addHeader("Link",
                            "<" + base + "/organizations/9919/packages/container/tools%2Fcli/versions?state=active&per_page=100&page=2>; rel=\"next\", "
                                    + "<" + base + "/organizations/9919/packages/container/tools%2Fcli/versions?state=active&per_page=100&page=" + lastPage + ">; rel=\"last\"")
                            .build();
                }
                allLaterPagesRequested.countDown();
                // Only answer once every later page is in flight: proves they were requested together.
                sawAllInFlight.add(allLaterPagesRequested.await(20, TimeUnit.SECONDS));
                // Earlier pages answer later, so arrival order differs from page order.
                return json(200, versionsPage((page - 1) * 100 + 1, page == lastPage ? 7 : 100)).newBuilder()
                        .bodyDelay((lastPage - page) * 30L, TimeUnit.MILLISECONDS).build();
            }
        });

        List<PackageVersion> versions = client.versions(ACME, "tools/cli", VersionState.ACTIVE, TOKEN);

        assertThat(sawAllInFlight).hasSize(lastPage - 1).containsOnly(true);
        assertThat(versions).extracting(PackageVersion::id)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 407).mapToObj(i -> (long) i).toList());
    }

    @Test
    void concurrentPagesAreBoundedByPageConcurrency() {
        client = client(2);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                int page = pageOf(request.getTarget());
                if (page == 1) {
                    return json(200, versionsPage(1, 10)).newBuilder().addHeader("Link",
                            "<" + base + "/orgs/acme/packages/container/app/versions?per_page=10&page=2>; rel=\"next\", "
                                    + "<" + base + "/orgs/acme/packages/container/app/versions?per_page=10&page=8>; rel=\"last\"")
                            .build();
                }
                maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                Thread.sleep(50);
                inFlight.decrementAndGet();
                return json(200, versionsPage((page - 1) * 10 + 1, 10));
            }
        });

        List<PackageVersion> versions = client.versions(ACME, "app", VersionState.ACTIVE, TOKEN);

        assertThat(versions).hasSize(80);
        assertThat(maxInFlight.get()).isBetween(1, 2);
    }

    @Test
    void aPackageListLongerThanGitHubCanPageIsAClearRefusalNotACrash() {
        server.enqueue(json(200, "[]").newBuilder().addHeader("Link",
                "<" + base + "/orgs/acme/packages?package_type=container&per_page=100&page=2>; rel=\"next\", "
                        + "<" + base + "/orgs/acme/packages?package_type=container&per_page=100&page=135>; rel=\"last\"")
                .build());

        assertThatThrownBy(() -> client.packages(ACME, TOKEN))
                .isInstanceOf(GitHubRejectedException.class)
                .hasMessageContaining("more than 10,000");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    /** GitHub refuses only its package lists past 10,000 items; packages of 135,000 versions are listed page by page. */
    @Test
    void aVersionListPagesOnPastTenThousand() {
        int lastPage = 102;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                int page = pageOf(request.getTarget());
                MockResponse response = json(200, versionsPage((page - 1) * 100 + 1, page == lastPage ? 5 : 100));
                return page > 1 ? response : response.newBuilder().addHeader("Link",
                        "<" + base + "/organizations/1000/packages/container/big/versions?state=active&per_page=100&page=2>; rel=\"next\", "
                                + "<" + base + "/organizations/1000/packages/container/big/versions?state=active&per_page=100&page=" + lastPage
                                + ">; rel=\"last\"").build();
            }
        });

        List<PackageVersion> versions = client.versions(ACME, "big", VersionState.ACTIVE, TOKEN);

        assertThat(versions).hasSize(10_105);
        assertThat(versions.get(10_104).id()).isEqualTo(10_105);
        assertThat(server.getRequestCount()).isEqualTo(lastPage);
    }

    @Test
    void aFourHundredWhilePagingPastTheLimitIsTheSameClearRefusal() {
        String next = base + "/orgs/acme/packages/container/big/versions?per_page=100&page=101";
        server.enqueue(json(200, versionsPage(1, 100)).newBuilder().addHeader("Link", "<" + next + ">; rel=\"next\"").build());
        server.enqueue(json(400, "{\"message\":\"The value of `per_page` multiplied by `page` cannot be greater than 10000.\"}"));

        assertThatThrownBy(() -> client.versions(ACME, "big", VersionState.ACTIVE, TOKEN))
                .isInstanceOf(GitHubRejectedException.class)
                .hasMessageContaining("more than 10,000");
    }

    @Test
    void aNextLinkToAnotherHostIsNotFollowedWithTheToken() {
        server.enqueue(json(200, versionsPage(1, 1)).newBuilder()
                .addHeader("Link", "<https://evil.example/orgs/acme/packages/container/app/versions?page=2>; rel=\"next\"").build());

        assertThatThrownBy(() -> client.versions(ACME, "app", VersionState.ACTIVE, TOKEN))
                .isInstanceOf(GitHubUnavailableException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    // ---- conditional requests ----

    @Test
    void aRepeatedReadSendsIfNoneMatchAndA304ReturnsTheCachedBody() throws Exception {
        String next = base + "/orgs/acme/packages/container/app/versions?state=active&per_page=100&page=2";
        server.enqueue(json(200, versionsPage(1, 100)).newBuilder().addHeader("ETag", "W/\"page1\"")
                .addHeader("Link", "<" + next + ">; rel=\"next\"").build());
        server.enqueue(json(200, versionsPage(101, 1)).newBuilder().addHeader("ETag", "\"page2\"").build());
        server.enqueue(new MockResponse.Builder().code(304).build());
        server.enqueue(new MockResponse.Builder().code(304).build());

        List<PackageVersion> first = client.versions(ACME, "app", VersionState.ACTIVE, TOKEN);
        List<PackageVersion> again = client.versions(ACME, "app", VersionState.ACTIVE, TOKEN);

        assertThat(again).isEqualTo(first).hasSize(101);
        assertThat(server.takeRequest().getHeaders().get("If-None-Match")).isNull();
        assertThat(server.takeRequest().getHeaders().get("If-None-Match")).isNull();
        assertThat(server.takeRequest().getHeaders().get("If-None-Match")).isEqualTo("W/\"page1\"");
        RecordedRequest secondPageAgain = server.takeRequest();
        assertThat(secondPageAgain.getTarget()).endsWith("page=2");
        assertThat(secondPageAgain.getHeaders().get("If-None-Match")).isEqualTo("\"page2\"");
        assertThat(stats.snapshot().fresh()).isEqualTo(2);
        assertThat(stats.snapshot().notModified()).isEqualTo(2);
    }

    @Test
    void anotherTokenDoesNotReuseTheCachedAnswer() throws Exception {
        server.enqueue(json(200, example("package-org")).newBuilder().addHeader("ETag", "\"v1\"").build());
        server.enqueue(json(200, example("package-org")).newBuilder().addHeader("ETag", "\"v1\"").build());

        client.containerPackage(ACME, "hello_docker", TOKEN);
        client.containerPackage(ACME, "hello_docker", new AccessToken("gho_someoneElse"));

        server.takeRequest();
        assertThat(server.takeRequest().getHeaders().get("If-None-Match")).isNull();
    }

    @Test
    void aRecentPackageIsGitHubsLastAnswerWhileItsMaxAgeLastsThenItIsAskedAgain() throws Exception {
        server.enqueue(json(200, example("package-org")).newBuilder().addHeader("ETag", "\"v1\"")
                .addHeader("Cache-Control", "private, max-age=60, s-maxage=60").build());
        server.enqueue(new MockResponse.Builder().code(304).addHeader("Cache-Control", "private, max-age=60").build());
        server.enqueue(new MockResponse.Builder().code(304).build());

        ContainerPackage first = client.recentContainerPackage(ACME, "hello_docker", TOKEN);
        clock.advance(Duration.ofSeconds(59));
        assertThat(client.recentContainerPackage(ACME, "hello_docker", TOKEN)).as("reused unasked").isEqualTo(first);
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(stats.snapshot().reusedFresh()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(client.recentContainerPackage(ACME, "hello_docker", TOKEN)).as("a minute on: asked again").isEqualTo(first);
        server.takeRequest();
        assertThat(server.takeRequest().getHeaders().get("If-None-Match")).isEqualTo("\"v1\"");
        clock.advance(Duration.ofSeconds(30));
        client.recentContainerPackage(ACME, "hello_docker", TOKEN);
        assertThat(server.getRequestCount()).as("the 304 made it fresh for another minute").isEqualTo(2);
        client.containerPackage(ACME, "hello_docker", TOKEN);
        assertThat(server.getRequestCount()).as("the plain read always asks").isEqualTo(3);
    }

    @Test
    void aChangeMadeThroughTheClientEndsTheFreshnessOfThatPackageForEveryToken() throws Exception {
        AccessToken colleague = new AccessToken("gho_colleague");
        for (int i = 0; i < 3; i++) {
            server.enqueue(json(200, example("package-org")).newBuilder().addHeader("ETag", "\"v" + i + "\"")
                    .addHeader("Cache-Control", "private, max-age=60").build());
        }
        server.enqueue(new MockResponse.Builder().code(204).build());
        server.enqueue(new MockResponse.Builder().code(304).build());
        server.enqueue(new MockResponse.Builder().code(304).build());

        client.recentContainerPackage(ACME, "hello_docker", TOKEN);
        client.recentContainerPackage(ACME, "hello_docker", colleague);
        client.recentContainerPackage(ACME, "other", TOKEN);
        client.deleteVersion(ACME, "hello_docker", 42, TOKEN);
        client.recentContainerPackage(ACME, "hello_docker", TOKEN);
        client.recentContainerPackage(ACME, "hello_docker", colleague);
        client.recentContainerPackage(ACME, "other", TOKEN);

        assertThat(server.getRequestCount()).as("both readers of the changed package ask again; the other package is reused")
                .isEqualTo(6);
    }

    @Test
    void aPackageSeenChangedByOneTokenIsAskedForAgainByTheOthers() throws Exception {
        AccessToken watcher = new AccessToken("gho_watcher");
        server.enqueue(json(200, example("package-org")).newBuilder().addHeader("ETag", "\"private\"")
                .addHeader("Cache-Control", "private, max-age=60").build());
        server.enqueue(json(200, example("package-org")).newBuilder().addHeader("ETag", "\"private\"")
                .addHeader("Cache-Control", "private, max-age=60").build());
        server.enqueue(json(200, example("package-org")).newBuilder().addHeader("ETag", "\"public\"")
                .addHeader("Cache-Control", "private, max-age=60").build());
        server.enqueue(json(200, example("package-org")).newBuilder().addHeader("ETag", "\"public\"").build());

        client.recentContainerPackage(ACME, "hello_docker", TOKEN);
        client.containerPackage(ACME, "hello_docker", watcher);
        clock.advance(Duration.ofSeconds(5));
        client.containerPackage(ACME, "hello_docker", watcher);
        client.recentContainerPackage(ACME, "hello_docker", TOKEN);

        assertThat(server.getRequestCount()).as("the watcher saw a new answer: the page's copy is not reused").isEqualTo(4);
    }

    // ---- rate limits ----

    @Test
    void aSecondaryLimitWithRetryAfterIsWaitedOutAndTheCallSucceeds() {
        server.enqueue(json(403, "{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.\","
                + "\"documentation_url\":\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api\"}")
                .newBuilder().addHeader("Retry-After", "7").addHeader("x-ratelimit-remaining", "4000").build());
        server.enqueue(json(200, versionsPage(1, 2)));

        List<PackageVersion> versions = client.versions(ACME, "app", VersionState.ACTIVE, TOKEN);

        assertThat(versions).hasSize(2);
        assertThat(pauses).containsExactly(Duration.ofSeconds(7));
        assertThat(stats.snapshot().rateLimitWaits()).isEqualTo(1);
    }

    @Test
    void aSecondaryLimitWithoutRetryAfterWaitsAtLeastAMinuteThenGivesUpAtTheBound() {
        String secondary = "{\"message\":\"You have exceeded a secondary rate limit and have been temporarily blocked from content creation.\"}";
        server.enqueue(json(403, secondary).newBuilder().addHeader("x-ratelimit-remaining", "4000").build());
        server.enqueue(json(403, secondary).newBuilder().addHeader("x-ratelimit-remaining", "3999").build());

        assertThatThrownBy(() -> client.deleteVersion(ACME, "app", 1, TOKEN))
                .isInstanceOfSatisfying(GitHubRateLimitedException.class, e -> {
                    assertThat(e.secondary()).isTrue();
                    assertThat(e.resetAt()).isEqualTo(NOW.plusSeconds(120));
                });
        assertThat(pauses).containsExactly(Duration.ofSeconds(60));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aSecondaryLimitWithNoRemainingBudgetWaitsUntilTheReset() {
        server.enqueue(json(429, "{\"message\":\"You have exceeded a secondary rate limit.\"}").newBuilder()
                .addHeader("x-ratelimit-limit", "5000").addHeader("x-ratelimit-remaining", "0")
                .addHeader("x-ratelimit-reset", String.valueOf(NOW.plusSeconds(30).getEpochSecond())).build());
        server.enqueue(json(200, example("package-org")));

        client.containerPackage(ACME, "hello_docker", TOKEN);

        assertThat(pauses).containsExactly(Duration.ofSeconds(31));
    }

    @Test
    void anExhaustedPrimaryBudgetFailsAtOnceWithTheResetTime() {
        Instant reset = NOW.plusSeconds(1800);
        server.enqueue(json(403, "{\"message\":\"API rate limit exceeded for user ID 1.\"}").newBuilder()
                .addHeader("x-ratelimit-limit", "5000").addHeader("x-ratelimit-remaining", "0")
                .addHeader("x-ratelimit-used", "5000").addHeader("x-ratelimit-resource", "core")
                .addHeader("x-ratelimit-reset", String.valueOf(reset.getEpochSecond())).build());

        assertThatThrownBy(() -> client.packages(ACME, TOKEN))
                .isInstanceOfSatisfying(GitHubRateLimitedException.class, e -> {
                    assertThat(e.secondary()).isFalse();
                    assertThat(e.resetAt()).isEqualTo(reset);
                    assertThat(e.getMessage()).contains("07:30:00 UTC");
                });
        assertThat(pauses).isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(client.lastKnownBudget(TOKEN)).hasValueSatisfying(b -> assertThat(b.exhausted()).isTrue());
    }

    @Test
    void theLastKnownBudgetComesFromResponseHeadersPerToken() {
        server.enqueue(json(200, example("package-org")).newBuilder()
                .addHeader("x-ratelimit-limit", "5000").addHeader("x-ratelimit-remaining", "4321")
                .addHeader("x-ratelimit-used", "679").addHeader("x-ratelimit-resource", "core")
                .addHeader("x-ratelimit-reset", "1800000000").build());

        assertThat(client.lastKnownBudget(TOKEN)).isEmpty();
        client.containerPackage(ACME, "hello_docker", TOKEN);

        assertThat(client.lastKnownBudget(TOKEN))
                .contains(new RateBudget(5000, 4321, 679, Instant.ofEpochSecond(1800000000L), "core"));
        assertThat(client.lastKnownBudget(new AccessToken("gho_other"))).isEmpty();
    }

    @Test
    void rateLimitReadsTheCoreResource() throws Exception {
        server.enqueue(json(200, example("rate-limit-overview")));

        RateBudget budget = client.rateLimit(TOKEN);

        assertThat(server.takeRequest().getTarget()).isEqualTo("/rate_limit");
        assertThat(budget).isEqualTo(new RateBudget(5000, 4999, 1, Instant.ofEpochSecond(1691591363L), "core"));
    }

    // ---- server errors ----

    @Test
    void aServerErrorMidPaginationIsRetriedAndTheListIsComplete() {
        String next = base + "/orgs/acme/packages/container/app/versions?state=active&per_page=100&page=2";
        server.enqueue(json(200, versionsPage(1, 100)).newBuilder().addHeader("Link", "<" + next + ">; rel=\"next\"").build());
        server.enqueue(json(500, "{\"message\":\"Server Error\"}"));
        server.enqueue(json(200, versionsPage(101, 5)));

        List<PackageVersion> versions = client.versions(ACME, "app", VersionState.ACTIVE, TOKEN);

        assertThat(versions).hasSize(105);
        assertThat(pauses).singleElement().satisfies(GitHubClientTest::firstBackoff);
        assertThat(stats.snapshot().retries()).isEqualTo(1);
    }

    @Test
    void persistentServerErrorsBecomeUnavailableAfterTwoRetries() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(json(502, "<html>Bad gateway</html>"));
        }

        assertThatThrownBy(() -> client.containerPackage(ACME, "app", TOKEN))
                .isInstanceOf(GitHubUnavailableException.class)
                .hasMessageContaining("502");
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(pauses).satisfiesExactly(GitHubClientTest::firstBackoff, GitHubClientTest::secondBackoff);
    }

    @Test
    void aServerThatNeverAnswersIsRetriedThenReportedUnavailable() {
        client = client(6, Duration.ofMillis(500));
        CountDownLatch never = new CountDownLatch(1);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                never.await(30, TimeUnit.SECONDS);
                return json(200, example("package-org"));
            }
        });
        try {
            assertThatThrownBy(() -> client.containerPackage(ACME, "hello_docker", TOKEN))
                    .isInstanceOfSatisfying(GitHubUnavailableException.class, e -> assertThat(e.status()).isZero())
                    .hasMessageContaining("did not answer");
            assertThat(pauses).satisfiesExactly(GitHubClientTest::firstBackoff, GitHubClientTest::secondBackoff);
        }
        finally {
            never.countDown();
        }
    }

    @Test
    void aDeleteAnswered404AfterARetryHadAlreadySucceeded() {
        server.enqueue(json(500, "{\"message\":\"Server Error\"}"));
        server.enqueue(json(404, "{\"message\":\"Package not found.\"}"));

        client.deleteVersion(ACME, "app", 7, TOKEN);

        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    // ---- error mapping ----

    @Test
    void notFoundSaysNotFoundOrNoAccess() {
        server.enqueue(json(404, "{\"message\":\"Package not found.\"}"));

        assertThatThrownBy(() -> client.deleteVersion(ACME, "tools/cli", 7, TOKEN))
                .isInstanceOf(GitHubNotFoundException.class)
                .hasMessageContaining("acme/tools/cli")
                .hasMessageContaining("no access");
    }

    @Test
    void unauthorizedAsksToSignInAgain() {
        server.enqueue(json(401, "{\"message\":\"Bad credentials\"}"));

        assertThatThrownBy(() -> client.currentUser(TOKEN))
                .isInstanceOf(GitHubUnauthorizedException.class)
                .hasMessageContaining("sign in again");
    }

    @Test
    void theLastVersionRuleComesBackInGitHubsOwnWords() {
        String rule = "You cannot delete the last version of a package. You must delete the package instead.";
        server.enqueue(json(400, "{\"message\":\"" + rule + "\",\"documentation_url\":\"https://docs.github.com/rest\"}"));

        assertThatThrownBy(() -> client.deleteVersion(ACME, "app", 7, TOKEN))
                .isInstanceOfSatisfying(GitHubRejectedException.class, e -> {
                    assertThat(e.githubMessage()).isEqualTo(rule);
                    assertThat(e.getMessage()).contains(rule);
                    assertThat(e.status()).isEqualTo(400);
                });
    }

    @Test
    void validationErrorsIncludeTheirDetails() {
        server.enqueue(json(422, "{\"message\":\"Validation Failed\",\"errors\":[{\"message\":\"publicly visible package versions with more than 5000 downloads cannot be deleted\"}]}"));

        assertThatThrownBy(() -> client.deleteVersion(ACME, "app", 7, TOKEN))
                .isInstanceOf(GitHubRejectedException.class)
                .hasMessageContaining("5000 downloads");
    }

    @Test
    void aMissingScopeNamesTheScopeToAskFor() {
        server.enqueue(json(403, "{\"message\":\"Resource not accessible by integration\"}").newBuilder()
                .addHeader("X-Accepted-OAuth-Scopes", "delete:packages, read:packages")
                .addHeader("X-OAuth-Scopes", "read:org, read:packages")
                .addHeader("x-ratelimit-remaining", "4999").build());
        server.enqueue(json(403, "{\"message\":\"You need at least write:packages scope to restore a package.\"}"));

        assertThatThrownBy(() -> client.deleteVersion(ACME, "app", 7, TOKEN))
                .isInstanceOfSatisfying(GitHubMissingScopeException.class,
                        e -> assertThat(e.neededScopes()).containsExactly("delete:packages"))
                .hasMessageContaining("delete:packages");
        assertThatThrownBy(() -> client.restoreVersion(ACME, "app", 7, TOKEN))
                .isInstanceOfSatisfying(GitHubMissingScopeException.class,
                        e -> assertThat(e.neededScopes()).containsExactly("write:packages"));
        assertThat(pauses).isEmpty();
    }

    @Test
    void aForbiddenThatIsNotAboutScopesKeepsGitHubsReason() {
        server.enqueue(json(403, "{\"message\":\"Resource protected by organization SAML enforcement. You must grant your OAuth token access to this organization.\"}")
                .newBuilder().addHeader("X-Accepted-OAuth-Scopes", "read:packages").addHeader("X-OAuth-Scopes", "read:packages").build());

        assertThatThrownBy(() -> client.packages(ACME, TOKEN))
                .isInstanceOf(GitHubRejectedException.class)
                .hasMessageContaining("SAML");
    }

    // ---- helpers ----

    /** The default retry-backoff is 500ms, each wait drawn between half and all of it (RetryPolicy). */
    static void firstBackoff(Duration wait) {
        assertThat(wait).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
    }

    /** The second retry waits twice as long, jittered the same way. */
    static void secondBackoff(Duration wait) {
        assertThat(wait).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    static MockResponse json(int status, String body) {
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json; charset=utf-8")
                .body(body).build();
    }

    static String viewer(String login) {
        return "{\"id\":583231,\"login\":\"" + login + "\",\"name\":\"" + login + "\",\"avatar_url\":\"https://avatars.githubusercontent.com/u/583231\"}";
    }

    static int pageOf(String target) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[?&]page=(\\d+)").matcher(target);
        return m.find() ? Integer.parseInt(m.group(1)) : 1;
    }

    /** Versions with ids {@code firstId…}, shaped like GitHub's examples; every third one tagged. */
    static String versionsPage(int firstId, int count) {
        return IntStream.range(firstId, firstId + count).mapToObj(id -> """
                {"id":%d,"name":"sha256:%064x","url":"https://api.github.com/orgs/acme/packages/container/app/versions/%d",
                 "package_html_url":"https://github.com/orgs/acme/packages/container/package/app",
                 "created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-02T00:00:00Z",
                 "html_url":"https://github.com/orgs/acme/packages/container/app/%d",
                 "metadata":{"package_type":"container","container":{"tags":%s}}}"""
                .formatted(id, id, id, id, id % 3 == 0 ? "[\"v" + id + "\"]" : "[]"))
                .collect(Collectors.joining(",", "[", "]"));
    }

}
