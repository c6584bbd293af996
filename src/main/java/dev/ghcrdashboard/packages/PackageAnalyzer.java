package dev.ghcrdashboard.packages;

import java.util.Locale;
import com.github.benmanes.caffeine.cache.Cache;
import dev.ghcrdashboard.caching.CacheStatistics;
import dev.ghcrdashboard.github.ContainerPackage;
import dev.ghcrdashboard.github.GitHubClient;
import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.github.PackageVersion;
import dev.ghcrdashboard.github.VersionState;
import dev.ghcrdashboard.registry.ManifestDocument;
import dev.ghcrdashboard.registry.ManifestReads;
import dev.ghcrdashboard.registry.RegistryClient;
import dev.ghcrdashboard.registry.RegistryCredentials;
import dev.ghcrdashboard.registry.RegistryRepository;
import dev.ghcrdashboard.security.SignedInUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * Reads a package's versions from GitHub and their manifests from the registry, and builds the version
 * graph. The work runs in the background so a package of 100,000 versions shows its newest images at once
 * and fills in the rest as manifests arrive; a finished analysis is reused for a short while, and a refresh
 * costs little because version pages come back 304 and manifests are already known.
 *
 * <p>Only manifests that say something new are read: indexes, images, platform manifests (their sizes), and
 * whatever nothing else describes. Attestations, signatures and referrers are placed from their index and
 * tags ({@link GraphAssembly}) and read when someone opens one. Reads go newest first
 * ({@link ReadSchedule}), at most the registry client's concurrency at a time, and each manifest updates the
 * graph where it changes it instead of rebuilding it.
 */
@Service
public class PackageAnalyzer implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PackageAnalyzer.class);
    /** How long a finished analysis is shown without asking GitHub again. */
    private static final Duration FRESH_FOR = Duration.ofSeconds(15);
    /**
     * How long a cleanup or a version page waits for a refresh when a complete earlier analysis can be used
     * meanwhile: enough for a small package (a 304 or two, manifests already known), not for re-listing a large
     * one. The package page does not wait: it shows the earlier analysis and the package as it is now.
     */
    private static final Duration REFRESH_WAIT = Duration.ofMillis(250);
    /**
     * How long a first paint waits for the whole analysis, or for the newest page of versions to be read: a
     * small package appears complete at once, a large one with its newest images whole, and fills in while the
     * page polls.
     */
    private static final Duration COMPLETE_WAIT = Duration.ofMillis(400);
    /**
     * How often a running analysis shows its progress, at least: pages poll once a second, and each snapshot of a
     * package of 100,000 versions costs a few milliseconds (its roots are found anew), so a large one shows once per poll.
     */
    private static final Duration SHOW_EVERY = Duration.ofMillis(250);
    private static final Duration SHOW_LARGE_EVERY = Duration.ofSeconds(1);
    private static final int LARGE = 20_000;
    /** How long an analysis nobody asks for stays in memory. */
    private static final Duration KEPT_UNUSED_FOR = Duration.ofMinutes(30);
    /** Analyses that run at once; more wait their turn. */
    private static final int ANALYSES_AT_ONCE = 4;
    /** How long a person's own answer from GitHub lets them see an analysis someone else's token made. */
    private static final Duration READER_PROVEN_FOR = Duration.ofMinutes(1);

    private final GitHubClient gitHub;
    private final RegistryClient registry;
    private final Clock clock;
    private final ExecutorService workers = Executors.newFixedThreadPool(ANALYSES_AT_ONCE, daemon("package-analysis"));
    /** Each running analysis lists its versions here while it reads the newest ones' manifests. */
    private final ExecutorService listings = Executors.newFixedThreadPool(ANALYSES_AT_ONCE, daemon("package-listing"));
    /**
     * The latest analysis per package, running or done, shared by everyone who may read the package: GitHub lists
     * the same versions to every reader, and manifests are the same bytes whoever fetches them. An earlier one is
     * shown while it refreshes.
     */
    private final Cache<AnalysisKey, Run> analyses;
    /**
     * People whose own token GitHub recently answered for a package: only they are shown an analysis another
     * person's token made (checked with a conditional request, which costs no rate budget while nothing changed).
     */
    private final Cache<Reader, Boolean> provenReaders;

    PackageAnalyzer(GitHubClient gitHub, RegistryClient registry, CacheStatistics caches, Clock clock) {
        this.gitHub = gitHub;
        this.registry = registry;
        this.clock = clock;
        this.analyses = caches.register("packages.analyses", CacheStatistics.builder(clock)
                // A package not looked at for this long is read afresh on the next visit anyway (its version
                // pages answer 304 and its manifests come from the database), so keeping its graph helps nobody.
                .expireAfterAccess(KEPT_UNUSED_FOR)
                // The graph of a package of 100,000 versions takes tens of megabytes: keep this many packages at most.
                .maximumSize(100)
                .build());
        this.provenReaders = caches.register("packages.proven-readers", CacheStatistics.builder(clock)
                .expireAfterWrite(READER_PROVEN_FOR)
                .maximumSize(10_000)
                .build());
    }

    /**
     * The latest analysis of a package, starting or refreshing it when needed and waiting at most
     * {@code wait} for it to finish. Errors from GitHub (not found, no access, rate limit) propagate.
     */
    public PackageAnalysis analyse(SignedInUser user, Owner owner, String packageName, Duration wait) {
        Started started = runFor(user, owner, packageName, PackageFacts.CURRENT);
        requireReader(user, owner, packageName, started);
        Run run = started.run();
        boolean refreshing = run.previous != null && run.previous.complete();
        boolean done = await(started, run.done, refreshing && wait.compareTo(REFRESH_WAIT) > 0 ? REFRESH_WAIT : wait);
        return shown(run, refreshing, done);
    }

    /** How current the package object a view shows must be. */
    enum PackageFacts {
        /** Not shown (an htmx poll of the versions): the analysis's copy will do. */
        NOT_SHOWN,
        /** Shown: GitHub's last answer while GitHub says it is fresh (a minute), else asked again. */
        RECENT,
        /** Shown because the person reloaded the page: asked of GitHub now, at most once. */
        CURRENT
    }

    /**
     * What the package page shows: the package as GitHub describes it (asked at most once per view, by the analysis
     * this view started or else by the view itself; conditionally, so it costs nothing while it is unchanged) and
     * the analysis as far as it got after at most {@code wait}.
     */
    PackageView view(SignedInUser user, Owner owner, String packageName, Duration wait, PackageFacts facts) {
        long start = System.nanoTime();
        Started started = runFor(user, owner, packageName, facts);
        Run run = started.run();
        ContainerPackage current;
        if (started.now() || facts == PackageFacts.NOT_SHOWN) {
            requireReader(user, owner, packageName, started);
            await(started, run.containerPackage, Duration.ofDays(1));
            current = run.containerPackage.join();
        } else {
            // The person's own request (or GitHub's answer to it of less than a minute ago): it proves they may read it.
            current = packageObject(user, owner, packageName, facts != PackageFacts.CURRENT);
            provenReaders.put(new Reader(user.login(), started.key()), Boolean.TRUE);
        }
        if (run.previous != null && run.previous.complete()) {
            // A refresh: the last complete analysis is shown at once, with the package as it is now.
            return new PackageView(current, shown(run, true, run.done.isDone()));
        }
        // A small package appears complete; a large one as soon as its newest versions are read.
        Duration left = wait.minusNanos(System.nanoTime() - start);
        boolean done = await(started, CompletableFuture.anyOf(run.done, run.newestRead), min(left, COMPLETE_WAIT));
        if (!done && run.snapshot == null) {
            await(started, run.firstShown, wait.minusNanos(System.nanoTime() - start));
        }
        return new PackageView(current, shown(run, false, run.done.isDone()));
    }

    /** The package as GitHub describes it now, for a view that must not show an answer it reused. */
    ContainerPackage askedNow(SignedInUser user, Owner owner, String packageName) {
        return packageObject(user, owner, packageName, false);
    }

    /** The package object: GitHub's answer of less than a minute ago when {@code recentWillDo}, else asked now. */
    private ContainerPackage packageObject(SignedInUser user, Owner owner, String packageName, boolean recentWillDo) {
        return recentWillDo ? gitHub.recentContainerPackage(owner, packageName, user.token())
                : gitHub.containerPackage(owner, packageName, user.token());
    }

    /** The package page's view of a package; {@code analysis} is null until its first versions are listed. */
    record PackageView(ContainerPackage containerPackage, PackageAnalysis analysis) {
    }

    /** Forgets cached analyses of a package, e.g. after versions were deleted or restored. */
    public void invalidate(String ownerLogin, String packageName) {
        analyses.asMap().keySet().removeIf(key -> key.owner().equalsIgnoreCase(ownerLogin) && key.packageName().equals(packageName));
    }

    /**
     * Lets a person see a shared analysis only when GitHub lets them read the package: the one whose token makes
     * the run is answered by GitHub itself; anyone else asks GitHub once a minute with their own token, and a
     * refusal (not found, no access) propagates as it would for their own analysis.
     */
    private void requireReader(SignedInUser user, Owner owner, String packageName, Started started) {
        if (started.now() || user.login().equalsIgnoreCase(started.run().starter)) {
            return;
        }
        Reader reader = new Reader(user.login(), started.key());
        if (provenReaders.getIfPresent(reader) == null) {
            gitHub.containerPackage(owner, packageName, user.token());
            provenReaders.put(reader, Boolean.TRUE);
        }
    }

    /** The run that answers for the package, started (or restarted) when none is current; see {@link #start}. */
    private Started runFor(SignedInUser user, Owner owner, String packageName, PackageFacts facts) {
        var key = new AnalysisKey(owner.login().toLowerCase(Locale.ROOT), packageName);
        AtomicBoolean startedNow = new AtomicBoolean();
        Run run = analyses.get(key, k -> {
            startedNow.set(true);
            return start(user, owner, packageName, null, facts);
        });
        if (!run.current(clock.instant())) {
            // Finished a while ago: refresh it, unless a concurrent request just did.
            run = analyses.asMap().compute(key, (k, existing) -> {
                if (existing != null && existing.current(clock.instant())) {
                    return existing;
                }
                startedNow.set(true);
                return start(user, owner, packageName, existing, facts);
            });
        }
        return new Started(key, run, startedNow.get());
    }

    /** A run and whether this request started it. */
    private record Started(AnalysisKey key, Run run, boolean now) {
    }

    private static PackageAnalysis shown(Run run, boolean refreshing, boolean done) {
        if (refreshing && !done) {
            // Keep showing the last complete analysis while a refresh re-reads the package, instead of a
            // half-built one that would make sizes and platforms vanish and fill in again.
            return run.previous;
        }
        // Versions not even listed yet: fall back to the previous analysis if there is one.
        return run.snapshot != null ? run.snapshot : run.previous;
    }

    /** Waits for {@code future} at most {@code patience}; a failed analysis is forgotten and its failure thrown. */
    private boolean await(Started started, CompletableFuture<?> future, Duration patience) {
        try {
            future.get(Math.max(0, patience.toMillis()), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException stillRunning) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            analyses.asMap().remove(started.key(), started.run());
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Starts a run. A refresh's copy of the package object may be GitHub's answer of less than a minute ago, unless
     * {@code facts} asks for it now. A first run asks: it follows a change made through the dashboard (a delete, a
     * restore, a tag moved through the registry), which {@link #invalidate} marks by dropping the analysis.
     */
    private Run start(SignedInUser user, Owner owner, String packageName, Run previous, PackageFacts facts) {
        Run run = new Run(previous == null ? null : previous.latest(), user.login());
        boolean recentWillDo = previous != null && facts != PackageFacts.CURRENT;
        run.done = CompletableFuture.runAsync(() -> analyseInto(run, user, owner, packageName, recentWillDo), workers);
        run.done.whenComplete((ignored, failure) -> {
            if (failure != null) {
                run.containerPackage.completeExceptionally(unwrap(failure));
            }
            run.firstShown.complete(null);
        });
        return run;
    }

    private void analyseInto(Run run, SignedInUser user, Owner owner, String packageName, boolean recentWillDo) {
        ContainerPackage containerPackage = packageObject(user, owner, packageName, recentWillDo);
        run.containerPackage.complete(containerPackage);
        // Versions are listed on another thread: a package of 10,000 versions takes 100 pages, and the newest
        // page's manifests are read while the others arrive, so its images are on screen within a second.
        CompletableFuture<List<PackageVersion>> newest = new CompletableFuture<>();
        CompletableFuture<List<PackageVersion>> all = CompletableFuture.supplyAsync(
                () -> gitHub.versions(owner, packageName, VersionState.ACTIVE, user.token(), newest::complete), listings);
        Reading reading = new Reading(run, containerPackage, run.previous);
        try (ManifestReads reads = registry.reads(new RegistryRepository(owner.login(), packageName),
                RegistryCredentials.user(user.login(), user.token()))) {
            CompletableFuture.anyOf(newest, all).exceptionally(failure -> null).join();
            if (newest.isDone() && !all.isDone()) {
                reading.read(new GraphAssembly(newest.join()), reads, false);
                run.newestRead.complete(null);
            }
            List<PackageVersion> versions;
            try {
                versions = all.join();
            } catch (CompletionException e) {
                throw unwrap(e);
            }
            reading.read(new GraphAssembly(versions), reads, true);
        }
        run.finishedAt = clock.instant();
        log.debug("Analysed {}/{}: {} versions, {} manifests read", owner.login(), packageName, reading.versions, reading.known.size());
    }

    /** The manifest reads of one run: the newest page's, then all versions', sharing what was read. */
    private final class Reading {

        private final Run run;
        private final ContainerPackage containerPackage;
        private final List<String> problems = new ArrayList<>();
        /** Manifests this run or the one before read, by digest: nothing is read twice, a refresh reads only what is new. */
        private final Map<String, ManifestDocument> known = new HashMap<>();
        private final Set<String> failed = new HashSet<>();
        private int versions;

        Reading(Run run, ContainerPackage containerPackage, PackageAnalysis previous) {
            this.run = run;
            this.containerPackage = containerPackage;
            if (previous != null) {
                PackageGraph graph = previous.graph();
                for (VersionNode node : graph.nodes()) {
                    graph.manifest(node.digest()).ifPresent(document -> known.put(node.digest(), document));
                }
            }
        }

        void read(GraphAssembly assembly, ManifestReads reads, boolean listed) {
            versions = assembly.size();
            for (int position = 0; position < assembly.size(); position++) {
                ManifestDocument document = known.get(assembly.digest(position));
                if (document != null) {
                    assembly.add(document);
                } else if (failed.contains(assembly.digest(position))) {
                    assembly.failed(position);
                }
            }
            assembly.settle();
            List<String> unknown = new ArrayList<>();
            for (int position = 0; position < assembly.size(); position++) {
                if (!known.containsKey(assembly.digest(position))) {
                    unknown.add(assembly.digest(position));
                }
            }
            Set<String> stored = new HashSet<>(reads.storedAmong(unknown));
            ReadSchedule schedule = new ReadSchedule(assembly);
            BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
            show(assembly, listed, false);
            long showEvery = (assembly.size() > LARGE ? SHOW_LARGE_EVERY : SHOW_EVERY).toNanos();
            long showAt = System.nanoTime() + showEvery;
            while (true) {
                while (schedule.inFlight() < reads.concurrency()) {
                    List<String> picked = schedule.next(reads.concurrency() - schedule.inFlight());
                    if (picked.isEmpty()) {
                        break;
                    }
                    List<String> inDatabase = picked.stream().filter(stored::contains).toList();
                    Map<String, ManifestDocument> found = inDatabase.isEmpty() ? Map.of() : reads.stored(inDatabase);
                    for (String digest : picked) {
                        ManifestDocument document = found.get(digest);
                        if (document != null) {
                            take(assembly, schedule, document);
                        } else {
                            reads.fetch(digest).whenComplete((fetched, failure) -> arrivals.add(new Arrival(digest, fetched, failure)));
                        }
                    }
                    if (!found.isEmpty()) {
                        assembly.settle();
                    }
                }
                if (schedule.inFlight() == 0) {
                    break;
                }
                List<Arrival> arrived = new ArrayList<>();
                try {
                    Arrival first = arrivals.poll(Math.max(1, showAt - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (first != null) {
                        arrived.add(first);
                        arrivals.drainTo(arrived);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("analysis interrupted", e);
                }
                for (Arrival arrival : arrived) {
                    if (arrival.manifest() != null) {
                        take(assembly, schedule, arrival.manifest());
                    } else {
                        Throwable cause = unwrap(arrival.failure());
                        problems.add("Manifest " + arrival.digest() + " could not be read: " + cause.getMessage());
                        failed.add(arrival.digest());
                        assembly.failed(assembly.position(arrival.digest()));
                        schedule.ended(arrival.digest(), 0);
                    }
                }
                assembly.settle();
                if (System.nanoTime() >= showAt) {
                    show(assembly, listed, false);
                    showAt = System.nanoTime() + showEvery;
                }
            }
            if (listed) {
                // Stored before the analysis shows itself complete: another instance that opens the package next reads
                // them from the shared database instead of fetching them again.
                reads.flush();
            }
            show(assembly, listed, listed);
        }

        private void take(GraphAssembly assembly, ReadSchedule schedule, ManifestDocument document) {
            assembly.add(document);
            known.put(document.digest(), document);
            schedule.ended(document.digest(), document.manifests().size());
        }

        private void show(GraphAssembly assembly, boolean listed, boolean complete) {
            run.show(new PackageAnalysis(containerPackage, assembly.snapshot(), assembly.placed(), assembly.size(), assembly.read(),
                    complete, problems, clock.instant(), listed));
        }
    }

    /** A fetch that ended: the manifest, or why there is none. */
    private record Arrival(String digest, ManifestDocument manifest, Throwable failure) {
    }

    private static RuntimeException unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void destroy() {
        workers.shutdownNow();
        listings.shutdownNow();
    }

    private record AnalysisKey(String owner, String packageName) {
    }

    private record Reader(String login, AnalysisKey analysis) {

        Reader {
            login = login.toLowerCase(Locale.ROOT);
        }
    }

    private static final class Run {
        final PackageAnalysis previous;
        /** Whose token lists the versions and reads the manifests. */
        final String starter;
        /** The package object this run asked GitHub for, first thing. */
        final CompletableFuture<ContainerPackage> containerPackage = new CompletableFuture<>();
        /** Completed when the first snapshot is shown, or the run ended without one. */
        final CompletableFuture<Void> firstShown = new CompletableFuture<>();
        /** Completed when the newest page of versions is read while the others are still listed or read. */
        final CompletableFuture<Void> newestRead = new CompletableFuture<>();
        volatile PackageAnalysis snapshot;
        volatile Instant finishedAt;
        CompletableFuture<Void> done;

        Run(PackageAnalysis previous, String starter) {
            this.previous = previous;
            this.starter = starter;
        }

        void show(PackageAnalysis analysis) {
            snapshot = analysis;
            firstShown.complete(null);
        }

        /** Still running, or finished recently enough to be shown without asking GitHub again. */
        boolean current(Instant now) {
            return !done.isDone() || (finishedAt != null && !finishedAt.plus(FRESH_FOR).isBefore(now));
        }

        PackageAnalysis latest() {
            return snapshot != null ? snapshot : previous;
        }
    }
}
