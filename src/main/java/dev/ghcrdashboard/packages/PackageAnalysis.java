package dev.ghcrdashboard.packages;

import dev.ghcrdashboard.github.ContainerPackage;
import java.time.Instant;
import java.util.List;

/**
 * What the dashboard knows about one package right now. While manifests are still being read the
 * graph is partial ({@code manifestsKnown < manifestsTotal}); pages show it and poll for the rest.
 *
 * @param problems presentable notes about what could not be read (e.g. a manifest the registry refused)
 * @param versionsListed false while only the newest page of versions is known and the rest are being listed
 */
public record PackageAnalysis(
        ContainerPackage containerPackage,
        PackageGraph graph,
        int manifestsKnown,
        int manifestsTotal,
        boolean complete,
        List<String> problems,
        Instant analysedAt,
        boolean versionsListed) {

    public PackageAnalysis {
        problems = List.copyOf(problems);
    }

    /** An analysis whose versions are all listed. */
    public PackageAnalysis(ContainerPackage containerPackage, PackageGraph graph, int manifestsKnown, int manifestsTotal,
                           boolean complete, List<String> problems, Instant analysedAt) {
        this(containerPackage, graph, manifestsKnown, manifestsTotal, complete, problems, analysedAt, true);
    }

    public int percentDone() {
        return manifestsTotal == 0 ? 100 : (int) (100L * manifestsKnown / manifestsTotal);
    }
}
