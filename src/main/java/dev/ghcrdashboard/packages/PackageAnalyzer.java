package dev.ghcrdashboard.packages;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.ghcrdashboard.caching.CacheStatistics;
import dev.ghcrdashboard.github.ContainerPackage;
import dev.ghcrdashboard.github.GitHubClient;
import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.github.PackageVersion;
import dev.ghcrdashboard.github.VersionState;
import dev.ghcrdashboard.registry.ManifestDocument;
import dev.ghcrdashboard.registry.RegistryClient;
import dev.ghcrdashboard.registry.RegistryCredentials;
import dev.ghcrdashboard.registry.RegistryRepository;
import dev.ghcrdashboard.security.SignedInUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * Reads a package's versions from GitHub and their manifests from the registry, and builds the
 * version graph. The work runs in the background so a package of 10,000 versions shows its first
 * rows at once and fills in sizes and platforms as manifests arrive; a finished analysis is reused
 * for a short while, and a refresh costs little because version pages come back 304 and manifests
 * come from the digest-keyed cache.
 */
@Service
public class PackageAnalyzer implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PackageAnalyzer.class);
    /** How long a finished analysis is shown without asking GitHub again. */
    private static final Duration FRESH_FOR = Duration.ofSeconds(15);
    /**
     * How long a page waits for a refresh when a complete earlier analysis can be shown meanwhile: enough
     * for a small package (a 304 or two, manifests from the database), not for re-listing a large one.
     */
    private static final Duration REFRESH_WAIT = Duration.ofMillis(250);
    /** How long an analysis nobody asks for stays in memory. */
    private static final Duration KEPT_UNUSED_FOR = Duration.ofMinutes(30);
    /** Manifests are read in slices so partial results reach the page while the rest are fetched. */
    private static final int MANIFEST_SLICE = 500;

    private final GitHubClient gitHub;
    private final RegistryClient registry;
    private final Clock clock;
    private final ExecutorService workers = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "package-analysis");
        thread.setDaemon(true);
        return thread;
    });
    /** The latest analysis per viewer and package, running or done; an earlier one is shown while it refreshes. */
    private final Cache<AnalysisKey, Run> analyses;

    PackageAnalyzer(GitHubClient gitHub, RegistryClient registry, CacheStatistics caches, Clock clock) {
        this.gitHub = gitHub;
        this.registry = registry;
        this.clock = clock;
        this.analyses = caches.register("packages.analyses", Caffeine.newBuilder()
                // A package not looked at for this long is read afresh on the next visit anyway (its version
                // pages answer 304 and its manifests come from the database), so keeping its graph helps nobody.
                .expireAfterAccess(KEPT_UNUSED_FOR)
                .ticker(CacheStatistics.ticker(clock))
                // The graph of a package of 10,000 versions can take megabytes: keep this many packages at most.
                .maximumSize(100)
                .recordStats()
                .build());
    }

    /**
     * The latest analysis of a package, starting or refreshing it when needed and waiting at most
     * {@code wait} for it to finish. Errors from GitHub (not found, no access, rate limit) propagate.
     */
    public PackageAnalysis analyse(SignedInUser user, Owner owner, String packageName, Duration wait) {
        var key = new AnalysisKey(user.login(), owner.login(), packageName);
        Run run = analyses.get(key, k -> start(user, owner, packageName, null));
        if (!run.current(clock.instant())) {
            // Finished a while ago: refresh it, unless a concurrent request just did.
            run = analyses.asMap().compute(key, (k, existing) -> existing != null && existing.current(clock.instant())
                    ? existing : start(user, owner, packageName, existing));
        }
        boolean refreshing = run.previous != null && run.previous.complete();
        Duration patience = refreshing && wait.compareTo(REFRESH_WAIT) > 0 ? REFRESH_WAIT : wait;
        try {
            run.done.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillRunning) {
            // the page shows what is known and polls for the rest
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            analyses.asMap().remove(key, run);
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
        PackageAnalysis snapshot = run.snapshot;
        if (refreshing && !run.done.isDone()) {
            // Keep showing the last complete analysis while a refresh re-reads the package, instead of a
            // half-built one that would make sizes and platforms vanish and fill in again.
            snapshot = run.previous;
        } else if (snapshot == null) {
            // Versions are not even listed yet: fall back to the previous analysis if there is one.
            snapshot = run.previous;
        }
        return snapshot;
    }

    /** Forgets cached analyses of a package, e.g. after versions were deleted or restored. */
    public void invalidate(String ownerLogin, String packageName) {
        analyses.asMap().keySet().removeIf(key -> key.owner().equalsIgnoreCase(ownerLogin) && key.packageName().equals(packageName));
    }

    private Run start(SignedInUser user, Owner owner, String packageName, Run previous) {
        Run run = new Run(previous == null ? null : previous.latest());
        run.done = CompletableFuture.runAsync(() -> analyseInto(run, user, owner, packageName), workers);
        return run;
    }

    private void analyseInto(Run run, SignedInUser user, Owner owner, String packageName) {
        ContainerPackage containerPackage = gitHub.containerPackage(owner, packageName, user.token());
        List<String> problems = new ArrayList<>();
        // The newest versions are on screen as soon as GitHub's first page arrives (a package of 10,000
        // versions takes 100 pages); manifests are read once every version is listed.
        List<PackageVersion> versions = gitHub.versions(owner, packageName, VersionState.ACTIVE, user.token(),
                newest -> run.snapshot = new PackageAnalysis(containerPackage, PackageGraph.build(newest, Map.of()), 0,
                        newest.size(), false, List.of(), clock.instant(), false));
        var repository = new RegistryRepository(owner.login(), packageName);
        var credentials = RegistryCredentials.user(user.login(), user.token());
        Map<String, ManifestDocument> manifests = new HashMap<>();
        run.snapshot = snapshot(containerPackage, versions, manifests, problems, false);
        List<String> digests = versions.stream().map(PackageVersion::digest).distinct().toList();
        for (int from = 0; from < digests.size(); from += MANIFEST_SLICE) {
            List<String> slice = digests.subList(from, Math.min(digests.size(), from + MANIFEST_SLICE));
            var result = registry.manifests(repository, slice, credentials);
            manifests.putAll(result.manifests());
            result.failures().forEach((digest, failure) -> problems.add("Manifest " + digest + " could not be read: " + failure.getMessage()));
            run.snapshot = snapshot(containerPackage, versions, manifests, problems, false);
        }
        run.snapshot = snapshot(containerPackage, versions, manifests, problems, true);
        run.finishedAt = clock.instant();
        log.debug("Analysed {}/{}: {} versions, {} manifests", owner.login(), packageName, versions.size(), manifests.size());
    }

    private PackageAnalysis snapshot(ContainerPackage containerPackage, List<PackageVersion> versions,
                                     Map<String, ManifestDocument> manifests, List<String> problems, boolean complete) {
        PackageGraph graph = PackageGraph.build(versions, Map.copyOf(manifests));
        return new PackageAnalysis(containerPackage, graph, manifests.size(), versions.size(), complete,
                problems, clock.instant());
    }

    @Override
    public void destroy() {
        workers.shutdownNow();
    }

    private record AnalysisKey(String viewer, String owner, String packageName) {
    }

    private static final class Run {
        final PackageAnalysis previous;
        volatile PackageAnalysis snapshot;
        volatile Instant finishedAt;
        CompletableFuture<Void> done;

        Run(PackageAnalysis previous) {
            this.previous = previous;
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
