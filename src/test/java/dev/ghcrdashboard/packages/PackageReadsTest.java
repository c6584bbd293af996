package dev.ghcrdashboard.packages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.caching.CacheStatistics;
import dev.ghcrdashboard.simulator.RecordedExchange;
import dev.ghcrdashboard.simulator.Simulator;
import dev.ghcrdashboard.support.Dashboard;
import dev.ghcrdashboard.support.DashboardHttp;
import dev.ghcrdashboard.support.SimulatorBackedTest;
import dev.ghcrdashboard.visibility.VisibilityProofs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What analysing a package costs the registry and GitHub, and what its page shows meanwhile, over real HTTP
 * against the simulator. Request counts, not times: a loaded machine changes times, not counts.
 */
@SimulatorBackedTest(scenario = "classpath:scenarios/package-reads.yml")
class PackageReadsTest {

    private static final Map<String, String> HTMX = Map.of("HX-Request", "true", "Accept", "*/*");
    private static final Pattern ROW = Pattern.compile("<tr[^>]*data-version-id=\"(\\d+)\".*?</tr>", Pattern.DOTALL);
    /** A manifest GET of acme/app (another test's analysis may still be reading acme/slow). */
    private static final Pattern MANIFEST_GET = Pattern.compile("/v2/acme/app/manifests/(sha256:[0-9a-f]{64})");

    @Autowired
    Simulator github;
    @Autowired
    Dashboard dashboard;
    @Autowired
    CacheStatistics caches;
    @Autowired
    PackageAnalyzer analyzer;
    @Autowired
    VisibilityProofs proofs;

    private final List<RecordedExchange> exchanges = Collections.synchronizedList(new ArrayList<>());
    private final Consumer<RecordedExchange> recorder = exchanges::add;

    @AfterEach
    void stopRecording() {
        github.control().removeExchangeListener(recorder);
        github.control().setLatency(Duration.ZERO);
    }

    /**
     * Cold, the analysis reads each index, platform manifest and image once, and nothing an index or a tag
     * already describes: no buildx attestation, no cosign signature or attestation, no referrer listed by a
     * referrers tag index. A bare OCI 1.1 referrer, which nothing lists, is read: there is no other way to place
     * it. The registry answers 401 at most once. Opening an attestation reads it then, once.
     */
    @Test
    void aColdAnalysisReadsOnlyWhatNothingElseDescribesAndAnAttestationWhenOpened() {
        DashboardHttp http = signedIn();
        github.control().addExchangeListener(recorder);

        DashboardHttp.Page done = analysed(http, "app");

        List<String> fetched = manifestGets();
        assertThat(fetched).as("no manifest read twice").doesNotHaveDuplicates();
        // 1 orphan + 3 untagged and 2 tagged multi-arch images (index + 2 platforms) + the referrers tag index
        // + v3's image and its bare referrer.
        assertThat(fetched).hasSize(1 + 5 * 3 + 1 + 2);
        assertThat(bodiesOfManifestGets()).as("attestations and signatures were not read")
                .noneMatch(body -> body.contains("in-toto") || body.contains("cosign") || body.contains("dsse"))
                .filteredOn(body -> body.contains("sigstore") && !body.contains("\"manifests\"")).as("but the bare referrer").hasSize(1);
        assertThat(count(exchange -> exchange.path().startsWith("/v2/acme/app/") && exchange.status() == 401)).isLessThanOrEqualTo(1);
        assertThat(done.body()).doesNotContain("could not be read").doesNotContain("reading…");

        List<String> attestationRows = rows(done.body(), "attestation");
        assertThat(attestationRows).as("attestations on the page, placed under their images").hasSize(10 + 1);
        assertThat(attestationRows.get(0)).contains("title=\"Not read: its index says what it is; open it to read it\"");

        String id = versionId(attestationRows.stream().filter(row -> !row.contains("sha256-")).findFirst().orElseThrow());
        exchanges.clear();
        DashboardHttp.Page opened = http.get("/owners/acme/versions/" + id + "?package=app");
        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.body()).contains("application/vnd.in-toto+json");
        Matcher size = Pattern.compile("<dt>Compressed size</dt><dd>([^<]*)</dd>").matcher(opened.body());
        assertThat(size.find()).isTrue();
        assertThat(size.group(1)).as("its size, now that it was read").endsWith("B").isNotEqualTo("unknown");
        assertThat(manifestGets()).as("read when opened").hasSize(1);

        exchanges.clear();
        assertThat(http.get("/owners/acme/versions/" + id + "?package=app").body()).contains("application/vnd.in-toto+json");
        assertThat(manifestGets()).as("and kept").isEmpty();
    }

    /**
     * Everyone who may read a package shares one analysis: a second member's view lists no version and reads no
     * manifest, it only revalidates the package with their own token. Someone GitHub does not show the package
     * to gets GitHub's 404 from the page and from its polls, although the analysis is in memory.
     */
    @Test
    void peopleWhoMayReadAPackageShareOneAnalysisAndNobodyElseSeesIt() {
        DashboardHttp hubot = signedIn("hubot");
        DashboardHttp eve = signedIn("eve");
        DashboardHttp.Page octocats = analysed(signedIn("octocat"), "shared");
        github.control().addExchangeListener(recorder);

        DashboardHttp.Page hubots = hubot.get("/owners/acme/packages/shared");

        assertThat(hubots.status()).isEqualTo(200);
        assertThat(rows(hubots.body(), "")).as("the same versions").hasSameSizeAs(rows(octocats.body(), ""));
        assertThat(count(exchange -> exchange.path().startsWith("/api/v3/orgs/acme/packages/container/shared/versions")))
                .as("versions listed again").isZero();
        assertThat(count(exchange -> exchange.path().startsWith("/v2/acme/shared/manifests/"))).as("manifests read again").isZero();
        assertThat(count(exchange -> exchange.path().equals("/api/v3/orgs/acme/packages/container/shared")))
                .as("hubot's own revalidation").isEqualTo(1);

        assertThat(eve.get("/owners/acme/packages/shared").status()).isEqualTo(404);
        assertThat(eve.get("/owners/acme/packages/shared", HTMX).status()).as("a poll").isEqualTo(404);
        assertThat(eve.get("/owners/acme/packages/shared", HTMX).body()).doesNotContain("data-version-id");
    }

    /**
     * Once complete, the versions of a package are rendered once, and everyone who may read the package is shown
     * that rendering, word for word (it holds nothing about the viewer).
     */
    @Test
    void aCompleteAnalysisIsRenderedOnceForEveryoneWhoMayReadIt() {
        DashboardHttp octocat = signedIn("octocat");
        DashboardHttp hubot = signedIn("hubot");
        analysed(octocat, "shared");
        String first = String.join("\n", rows(octocat.get("/owners/acme/packages/shared").body(), ""));
        long hits = renderingsReused();

        String again = String.join("\n", rows(octocat.get("/owners/acme/packages/shared", HTMX).body(), ""));
        String hubots = String.join("\n", rows(hubot.get("/owners/acme/packages/shared").body(), ""));

        assertThat(first).contains("data-version-id");
        assertThat(again).isEqualTo(first);
        assertThat(hubots).isEqualTo(first);
        assertThat(renderingsReused() - hits).as("renderings reused").isEqualTo(2);
    }

    /**
     * While an analysis runs, each poll shows new progress; a page whose rows have not changed since the last poll
     * reuses the table rendered then.
     */
    @Test
    void whileAnAnalysisRunsAPollThatShowsTheSameTableAsTheLastReusesItAndNoSizeChartYet() {
        DashboardHttp http = signedIn();
        github.control().setLatency(Duration.ofSeconds(1));
        DashboardHttp.Page page = http.get("/owners/acme/packages/polled");
        String previousTable = null;
        boolean reused = false;
        while (analysing(page) && !reused) {
            long before = tablesReused();
            page = poll(http, "polled");
            String table = tableWithItsPager(page.body());
            if (analysing(page)) {
                assertThat(page.body()).as("no size chart from half the sizes").doesNotContain("Versions and size over time");
            }
            if (analysing(page) && !table.isEmpty() && table.equals(previousTable)) {
                assertThat(tablesReused() - before).as("the same table as the poll before, kept").isEqualTo(1);
                reused = true;
            }
            previousTable = table;
        }
        assertThat(reused).as("two polls in a row showed the same table while the analysis ran").isTrue();
        while (analysing(page)) {
            page = poll(http, "polled");
        }
        assertThat(page.body()).as("the size chart, once every size is known").contains("Versions and size over time");
    }

    /** From the table of versions to the end of its pager: what a poll may reuse. */
    private static String tableWithItsPager(String html) {
        int start = html.indexOf("<table");
        int end = html.indexOf("</nav>", Math.max(start, 0));
        return start < 0 || end < 0 ? "" : html.substring(start, end);
    }

    private long tablesReused() {
        return caches.snapshot().get("packages.rendered-tables").hitCount();
    }

    private long renderingsReused() {
        return caches.snapshot().get("packages.rendered-versions").hitCount();
    }

    /**
     * The package object is asked for at most once per page view, and not at all by the polls of its versions; a
     * view within the minute GitHub says its answer is fresh shows that answer, and a reload asks GitHub again.
     */
    @Test
    void aViewAsksForThePackageAtMostOnceAReloadAlwaysAndPollsNever() {
        DashboardHttp http = signedIn();
        github.control().addExchangeListener(recorder);
        Predicate<RecordedExchange> packageObject = exchange -> exchange.path().equals("/api/v3/orgs/acme/packages/container/viewed");

        DashboardHttp.Page first = http.get("/owners/acme/packages/viewed");
        assertThat(count(packageObject)).as("cold view").isEqualTo(1);
        DashboardHttp.Page page = first;
        while (analysing(page)) {
            page = poll(http, "viewed");
        }
        assertThat(count(packageObject)).as("after the polls").isEqualTo(1);

        http.get("/owners/acme/packages/viewed");
        assertThat(count(packageObject)).as("a second view, within GitHub's max-age of its answer").isEqualTo(1);

        DashboardHttp.Page reloaded = http.get("/owners/acme/packages/viewed", Map.of("Cache-Control", "max-age=0"));
        assertThat(reloaded.status()).isEqualTo(200);
        assertThat(count(packageObject)).as("a reload").isEqualTo(2);
        assertThat(snapshot().stream().filter(packageObject).toList().get(1).status()).as("a conditional request").isEqualTo(304);

        // What every change made through the dashboard does (a delete, a restore, a tag moved): the next view asks.
        analyzer.invalidate("acme", "viewed");
        http.get("/owners/acme/packages/viewed");
        assertThat(count(packageObject)).as("the first view after a change").isEqualTo(3);
    }

    /**
     * GitHub's answer of a few seconds ago may be shown, but never as grounds for an alarm: when a newer anonymous
     * pull proof contradicts it, the page asks GitHub before it says they disagree.
     */
    @Test
    void aProofThatContradictsAReusedAnswerIsCheckedWithGitHubBeforeThePageRaisesTheAlarm() {
        DashboardHttp http = signedIn();
        DashboardHttp.Page before = http.get("/owners/acme/packages/flipping");
        assertThat(before.body()).contains("class=\"badge public\"");

        // Made private on GitHub's settings page; the background prover then finds strangers refused.
        github.control().setVisibility("acme", "flipping", "private");
        proofs.recheck("acme", "flipping");

        DashboardHttp.Page after = http.get("/owners/acme/packages/flipping");
        assertThat(after.body()).contains("class=\"badge private\"").contains("anonymous pull denied").doesNotContain("Disagrees");
    }

    /**
     * With a second of latency per request, the first response already shows the package's facts and actions;
     * only the versions area is still coming. Once every version is listed, paging and filtering answer from
     * what is placed so far while the manifests are still read.
     */
    @Test
    void behindASecondOfLatencyThePageShowsItsActionsAtOnceAndPagesWhileItReads() {
        DashboardHttp http = signedIn();
        github.control().setLatency(Duration.ofSeconds(1));

        DashboardHttp.Page first = http.get("/owners/acme/packages/slow");

        assertThat(first.status()).isEqualTo(200);
        assertActionsAndFacts(first);
        assertThat(first.body()).contains("Listing versions");
        DashboardHttp.Page page = first;
        while (analysing(page) && !page.body().contains("Placing versions")) {
            page = poll(http, "slow");
        }
        assertThat(page.body()).as("still reading manifests").contains("Placing versions");

        DashboardHttp.Page second = http.get("/owners/acme/packages/slow?page=2", HTMX);
        DashboardHttp.Page filtered = http.get("/owners/acme/packages/slow?show=tagged&tag=1.0.3", HTMX);

        assertThat(second.body()).contains("Page 2 of 2");
        assertThat(rows(second.body(), "")).isNotEmpty();
        assertThat(filtered.body()).contains("1.0.30").contains("1.0.3<");
        assertThat(rows(filtered.body(), "").stream().filter(row -> row.contains("depth-0\""))).as("images matching")
                .hasSize(11).allMatch(row -> row.contains("1.0.3"));

        while (analysing(page)) {
            page = poll(http, "slow");
        }
        DashboardHttp.Page reloaded = http.get("/owners/acme/packages/slow");
        assertActionsAndFacts(reloaded);
        assertThat(rows(reloaded.body(), "multi-arch index")).hasSize(30);
    }

    private static void assertActionsAndFacts(DashboardHttp.Page page) {
        assertThat(page.body()).contains("Clean up versions…").contains(">Trash<").contains("Delete package…")
                .contains("id=\"change-visibility\"").contains("Make private")
                .contains("<dt>Visibility</dt>").contains("<dt>Repository</dt>").contains("acme/slow");
    }

    private DashboardHttp signedIn() {
        return signedIn("octocat");
    }

    private DashboardHttp signedIn(String login) {
        DashboardHttp http = dashboard.http();
        assertThat(http.signIn(login).status()).isEqualTo(200);
        return http;
    }

    /** Opens the package page and follows its polls until the analysis is complete. */
    private static DashboardHttp.Page analysed(DashboardHttp http, String name) {
        DashboardHttp.Page page = http.get("/owners/acme/packages/" + name);
        assertThat(page.status()).isEqualTo(200);
        while (analysing(page)) {
            page = poll(http, name);
        }
        return page;
    }

    /** What the page's htmx poll asks for, a little later (the page itself waits a second). */
    private static DashboardHttp.Page poll(DashboardHttp http, String name) {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        DashboardHttp.Page page = http.get("/owners/acme/packages/" + name, HTMX);
        assertThat(page.status()).isEqualTo(200);
        return page;
    }

    private static boolean analysing(DashboardHttp.Page page) {
        return page.body().contains("Listing versions") || page.body().contains("Placing versions");
    }

    private List<String> manifestGets() {
        List<String> digests = new ArrayList<>();
        for (RecordedExchange exchange : snapshot()) {
            Matcher manifest = MANIFEST_GET.matcher(exchange.path());
            if (exchange.method().equals("GET") && exchange.status() == 200 && manifest.matches()) {
                digests.add(manifest.group(1));
            }
        }
        return digests;
    }

    private List<String> bodiesOfManifestGets() {
        return snapshot().stream().filter(exchange -> exchange.method().equals("GET") && exchange.status() == 200
                && MANIFEST_GET.matcher(exchange.path()).matches()).map(RecordedExchange::responseText).toList();
    }

    private long count(Predicate<RecordedExchange> which) {
        return snapshot().stream().filter(which).count();
    }

    private List<RecordedExchange> snapshot() {
        synchronized (exchanges) {
            return new ArrayList<>(exchanges);
        }
    }

    /** The version table's rows whose kind badge reads {@code kind} (every row for ""). */
    private static List<String> rows(String html, String kind) {
        List<String> rows = new ArrayList<>();
        Matcher row = ROW.matcher(html);
        while (row.find()) {
            if (kind.isEmpty() || row.group().contains("<span class=\"badge kind\">" + kind + "</span>")) {
                rows.add(row.group());
            }
        }
        return rows;
    }

    private static String versionId(String row) {
        Matcher id = ROW.matcher(row);
        assertThat(id.find()).isTrue();
        return id.group(1);
    }
}
