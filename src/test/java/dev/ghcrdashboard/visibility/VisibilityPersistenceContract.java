package dev.ghcrdashboard.visibility;

import dev.ghcrdashboard.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.github.AccessToken;
import dev.ghcrdashboard.security.SignedInUser;
import dev.ghcrdashboard.github.ContainerPackage;
import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.github.OwnerType;
import dev.ghcrdashboard.github.Visibility;
import dev.ghcrdashboard.caching.CacheStatistics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The visibility feature end to end over a real database (migrated by Flyway), with GitHub and the
 * registry replaced by in-memory stand-ins. Run once on H2 and once on PostgreSQL.
 */
abstract class VisibilityPersistenceContract {

    static final Owner ACME = new Owner("acme", OwnerType.ORGANIZATION, null);
    static final SignedInUser ALICE = new SignedInUser("alice", new AccessToken("gho_alice"), Set.of());
    static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

    final MutableClock clock = new MutableClock(T0);
    final Map<String, Visibility> gitHub = new HashMap<>();
    final Map<String, Boolean> registry = new HashMap<>();
    final List<Object> events = new ArrayList<>();
    VisibilityProperties properties = new VisibilityProperties(Duration.ofMinutes(15), Duration.ofSeconds(5),
            Duration.ofSeconds(30), 20, null);
    final WatchCredentials credentials = new WatchCredentials(properties, new CacheStatistics(), clock);

    JdbcClient jdbc;
    VisibilityChanges changes;
    VisibilityProofs proofs;
    VisibilityQueues queues;
    VisibilityDrift drift;

    abstract DataSource dataSource();

    @BeforeEach
    void migrateAndWire() {
        DataSource dataSource = dataSource();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        wire();
    }

    /** A fresh set of services over the same database, as after a restart (in-memory tokens are gone). */
    void wire() {
        AnonymousPullProver prover = (owner, name) -> {
            boolean pullable = registry.getOrDefault(name, false);
            return new PullProof(pullable, pullable ? "manifest readable" : "anonymous token denied", clock.instant());
        };
        PackageVisibilitySource source = (owner, name, token) -> pkg(name, gitHub.get(name));
        proofs = new VisibilityProofs(prover, new ProofRepository(jdbc));
        var changeRepository = new ChangeRepository(jdbc);
        changes = new VisibilityChanges(new GuidedVisibilityChanger(new SettingsPages("https://github.com")),
                changeRepository, source, proofs, credentials, events::add, properties, clock);
        queues = new VisibilityQueues(new QueueRepository(jdbc, changeRepository), changes, clock);
        OwnerPackagesSource packages = (owner, token) -> gitHub.entrySet().stream()
                .map(e -> pkg(e.getKey(), e.getValue())).toList();
        drift = new VisibilityDrift(packages, new RuleRepository(jdbc), new DriftRepository(jdbc), proofs,
                properties, new CacheStatistics(), clock, events::add);
    }

    ChangeState stateOf(long changeId) {
        return changes.find(changeId).orElseThrow().state();
    }

    /** The change was given up, and the last event says so with how it ended. */
    void assertLastEventAbandonedAs(ChangeState outcome) {
        assertThat(events).last().isInstanceOfSatisfying(VisibilityChangeAbandoned.class,
                abandoned -> assertThat(abandoned.outcome()).isEqualTo(outcome));
    }

    static ContainerPackage pkg(String name, Visibility visibility) {
        return new ContainerPackage(1, name, ACME, visibility, null, null, 1, T0, T0, null);
    }

    @Test
    void changeIsWatchedUntilGitHubReportsItThenVerifiedByAnonymousPull() {
        gitHub.put("tools/cli", Visibility.PRIVATE);
        var started = changes.start(ACME, "tools/cli", Visibility.PUBLIC, ALICE);
        assertThat(started.settingsPage())
                .hasToString("https://github.com/orgs/acme/packages/container/tools%2Fcli/settings");
        assertThat(events).singleElement().isInstanceOf(VisibilityChangeStarted.class);

        clock.advance(Duration.ofSeconds(5));
        changes.pollWaiting();
        assertThat(stateOf(started.change().id())).isEqualTo(ChangeState.WAITING);

        gitHub.put("tools/cli", Visibility.PUBLIC);
        registry.put("tools/cli", true);
        clock.advance(Duration.ofSeconds(5));
        changes.pollWaiting();

        VisibilityChange done = changes.find(started.change().id()).orElseThrow();
        assertThat(done.state()).isEqualTo(ChangeState.VERIFIED);
        assertThat(done.lastReported()).isEqualTo(Visibility.PUBLIC);
        assertThat(done.proof().pullable()).isTrue();
        assertThat(proofs.latest("acme", "tools/cli")).get()
                .satisfies(p -> assertThat(p.proof().checkedAt()).isEqualTo(T0.plusSeconds(10)));
        assertThat(events).last().isInstanceOfSatisfying(VisibilityChangeVerified.class, verified -> {
            assertThat(verified.actor()).isEqualTo("alice");
            assertThat(verified.packageName()).isEqualTo("tools/cli");
            assertThat(verified.target()).isEqualTo(Visibility.PUBLIC);
        });

        clock.advance(Duration.ofSeconds(5));
        changes.pollWaiting();
        assertThat(events).hasSize(2); // a verified change is not watched or announced again
    }

    @Test
    void mismatchIsRecordedWhenTheRegistryKeepsDisagreeing() {
        gitHub.put("app", Visibility.PUBLIC);
        registry.put("app", false);
        var started = changes.start(ACME, "app", Visibility.PUBLIC, ALICE);

        changes.pollWaiting();
        assertThat(stateOf(started.change().id())).isEqualTo(ChangeState.WAITING);
        clock.advance(Duration.ofSeconds(31));
        changes.pollWaiting();

        assertThat(stateOf(started.change().id())).isEqualTo(ChangeState.MISMATCH);
        assertLastEventAbandonedAs(ChangeState.MISMATCH);
    }

    @Test
    void timesOutEvenAfterARestartLostTheWatchToken() {
        gitHub.put("app", Visibility.PRIVATE);
        var started = changes.start(ACME, "app", Visibility.PUBLIC, ALICE);
        credentials.forget(started.change().id()); // what a restart does to the in-memory token
        wire();

        clock.advance(Duration.ofMinutes(14));
        changes.pollWaiting();
        assertThat(stateOf(started.change().id())).isEqualTo(ChangeState.WAITING);

        clock.advance(Duration.ofMinutes(1));
        changes.pollWaiting();
        assertThat(stateOf(started.change().id())).isEqualTo(ChangeState.TIMED_OUT);
        assertLastEventAbandonedAs(ChangeState.TIMED_OUT);
    }

    @Test
    void cancelStopsWatchingAndIsAnnouncedOnce() {
        gitHub.put("app", Visibility.PRIVATE);
        var started = changes.start(ACME, "app", Visibility.PUBLIC, ALICE);
        var bob = new SignedInUser("bob", new AccessToken("gho_bob"), Set.of());

        assertThat(changes.cancel(started.change().id(), bob).state()).isEqualTo(ChangeState.CANCELLED);
        gitHub.put("app", Visibility.PUBLIC);
        registry.put("app", true);
        changes.pollWaiting();
        changes.cancel(started.change().id(), bob);

        VisibilityChange stored = changes.find(started.change().id()).orElseThrow();
        assertThat(stored.state()).isEqualTo(ChangeState.CANCELLED);
        assertThat(stored.finishedBy()).isEqualTo("bob");
        assertThat(events).filteredOn(VisibilityChangeAbandoned.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((VisibilityChangeAbandoned) e).actor()).isEqualTo("bob"));
    }

    @Test
    void changesWithoutATokenHereDoNotCrowdOutOnesThatCanBePolled() {
        properties = new VisibilityProperties(Duration.ofMinutes(15), Duration.ofSeconds(5), Duration.ofSeconds(30), 1, null);
        wire();
        gitHub.put("orphan", Visibility.PRIVATE);
        gitHub.put("orphan2", Visibility.PRIVATE);
        gitHub.put("mine", Visibility.PUBLIC);
        registry.put("mine", true);
        long orphan = changes.start(ACME, "orphan", Visibility.PUBLIC, ALICE).change().id();
        long orphan2 = changes.start(ACME, "orphan2", Visibility.PUBLIC, ALICE).change().id();
        credentials.forget(orphan);
        credentials.forget(orphan2);
        long mine = changes.start(ACME, "mine", Visibility.PUBLIC, ALICE).change().id();

        changes.pollWaiting();

        assertThat(stateOf(mine)).isEqualTo(ChangeState.VERIFIED);
        assertThat(stateOf(orphan)).isEqualTo(ChangeState.WAITING);
    }

    @Test
    void tokenIsDroppedWhenAnotherInstanceEndedTheChange() {
        gitHub.put("app", Visibility.PRIVATE);
        long id = changes.start(ACME, "app", Visibility.PUBLIC, ALICE).change().id();
        jdbc.sql("UPDATE visibility_change SET state = 'CANCELLED' WHERE id = :id").param("id", id).update();

        changes.pollWaiting();

        assertThat(credentials.forChange(id)).isEmpty();
    }

    @Test
    void startingTheSameChangeTwiceReusesThePendingOne() {
        gitHub.put("app", Visibility.PRIVATE);
        var first = changes.start(ACME, "app", Visibility.PUBLIC, ALICE);
        var second = changes.start(ACME, "app", Visibility.PUBLIC, ALICE);
        assertThat(second.change().id()).isEqualTo(first.change().id());

        var opposite = changes.start(ACME, "app", Visibility.PRIVATE, ALICE);
        assertThat(opposite.change().id()).isNotEqualTo(first.change().id());
        assertThat(stateOf(first.change().id())).isEqualTo(ChangeState.CANCELLED);
    }

    @Test
    void queueShowsProgressAndCanBeResumedAfterARestart() {
        List.of("a", "b", "c").forEach(name -> gitHub.put(name, Visibility.PRIVATE));
        GuidedQueue queue = queues.create(ACME, List.of("a", "b", "c", "a"), Visibility.PUBLIC, ALICE);
        assertThat(queue.items()).extracting(GuidedQueue.Item::packageName).containsExactly("a", "b", "c");

        queue = queues.startCurrent(queue, ACME, ALICE);
        assertThat(queue.current().orElseThrow().waiting()).isTrue();
        gitHub.put("a", Visibility.PUBLIC);
        registry.put("a", true);
        changes.pollWaiting();

        credentials.forget(queue.current().orElseThrow().change().id());
        wire(); // the person comes back another day
        List<GuidedQueue> open = queues.open(ACME, ALICE);
        assertThat(open).singleElement().satisfies(resumed -> {
            assertThat(resumed.verifiedCount()).isEqualTo(1);
            assertThat(resumed.items()).hasSize(3);
            assertThat(resumed.current().orElseThrow().packageName()).isEqualTo("b");
        });
        assertThat(queues.open(ACME, new SignedInUser("bob", new AccessToken("gho_bob"), Set.of()))).isEmpty();

        GuidedQueue resumed = queues.find(open.get(0).id(), ACME, ALICE).orElseThrow();
        resumed = queues.skipCurrent(resumed, ALICE);
        assertThat(resumed.current().orElseThrow().packageName()).isEqualTo("c");
        resumed = queues.startCurrent(resumed, ACME, ALICE);
        gitHub.put("c", Visibility.PUBLIC);
        registry.put("c", true);
        changes.pollWaiting();

        GuidedQueue finished = queues.find(resumed.id(), ACME, ALICE).orElseThrow();
        assertThat(finished.finished()).isTrue();
        assertThat(finished.verifiedCount()).isEqualTo(2);
        assertThat(finished.skippedCount()).isEqualTo(1);
        assertThat(finished.closedAt()).isNotNull();
        assertThat(queues.open(ACME, ALICE)).isEmpty();
    }

    @Test
    void failedQueueItemCanBeRetried() {
        gitHub.put("a", Visibility.PRIVATE);
        GuidedQueue queue = queues.startCurrent(queues.create(ACME, List.of("a"), Visibility.PUBLIC, ALICE), ACME, ALICE);
        clock.advance(Duration.ofMinutes(16));
        changes.pollWaiting();
        queue = queues.find(queue.id(), ACME, ALICE).orElseThrow();
        assertThat(queue.current().orElseThrow().failed()).isTrue();

        queue = queues.startCurrent(queue, ACME, ALICE);
        assertThat(queue.current().orElseThrow().waiting()).isTrue();
    }

    @Test
    void rulesDriftRunsAndProofsArePersisted() {
        gitHub.put("public/site", Visibility.PRIVATE);
        gitHub.put("secret", Visibility.PRIVATE);
        registry.put("secret", true);
        proofs.recheck("acme", "secret");
        drift.addRule(ACME, RuleKind.NAME_PATTERN_MUST_BE_PUBLIC, " public/* ", ALICE);
        assertThat(drift.rules("acme")).singleElement().extracting(VisibilityRule::pattern).isEqualTo("public/*");

        var report = drift.check(ACME, ALICE);
        assertThat(report.run().findings()).extracting(DriftFinding::packageName).containsExactly("secret", "public/site");

        DriftRun stored = drift.latestRun("acme").orElseThrow();
        assertThat(stored.checkedAt()).isEqualTo(T0);
        assertThat(stored.packageCount()).isEqualTo(2);
        assertThat(stored.dangerous()).isEqualTo(1);
        assertThat(stored.findings()).extracting(DriftFinding::packageName).containsExactly("secret", "public/site");

        registry.put("secret", false);
        clock.advance(Duration.ofMinutes(1));
        proofs.recheck("acme", "secret");
        assertThat(proofs.latestFor("acme")).containsOnlyKeys("secret");
        assertThat(proofs.latest("acme", "secret").orElseThrow().proof().pullable()).isFalse();
        assertThat(drift.check(ACME, ALICE).run().findings()).extracting(DriftFinding::packageName)
                .containsExactly("public/site");

        long ruleId = drift.rules("acme").get(0).id();
        assertThat(drift.deleteRule(new Owner("other", OwnerType.USER, null), ruleId, ALICE)).isFalse();
        assertThat(drift.deleteRule(ACME, ruleId, ALICE)).isTrue();
        assertThat(drift.rules("acme")).isEmpty();
        assertThat(events).filteredOn(VisibilityRuleChanged.class::isInstance).extracting(e -> ((VisibilityRuleChanged) e).added())
                .as("adding and removing a rule are both announced for the audit log").containsExactly(true, false);
    }

    @Test
    void scheduledRecheckRemeasuresRecentlyViewedOwnersAndStoresTheResult() {
        properties = new VisibilityProperties(Duration.ofMinutes(15), Duration.ofSeconds(5), Duration.ofSeconds(30), 20,
                Duration.ofHours(1));
        wire();
        gitHub.put("app", Visibility.PRIVATE);
        registry.put("app", false);
        proofs.recheck("acme", "app");
        assertThat(drift.check(ACME, ALICE).run().findings()).isEmpty();

        registry.put("app", true); // someone made it pullable behind GitHub's back
        clock.advance(Duration.ofHours(1));
        assertThat(drift.recheckRecentlyViewed()).isEqualTo(1);

        DriftRun stored = drift.latestRun("acme").orElseThrow();
        assertThat(stored.trigger()).isEqualTo("SCHEDULE");
        assertThat(stored.checkedAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
        assertThat(stored.findings()).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(DriftFinding.Severity.DANGER));

        clock.advance(Duration.ofHours(9)); // the viewer's token is no longer used
        assertThat(drift.recheckRecentlyViewed()).isZero();
    }

    @Test
    void withoutAScheduleNoTokenIsKeptForRechecks() {
        gitHub.put("app", Visibility.PRIVATE);
        drift.check(ACME, ALICE);
        assertThat(drift.recheckRecentlyViewed()).isZero();
    }
}
