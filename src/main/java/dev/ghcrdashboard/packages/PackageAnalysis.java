package dev.ghcrdashboard.packages;

import dev.ghcrdashboard.github.ContainerPackage;
import java.time.Instant;
import java.util.List;

/**
 * What the dashboard knows about one package right now. While it is being analysed the graph is partial
 * ({@code complete} is false); pages show it and poll for the rest.
 *
 * @param versionsPlaced versions whose kind is known, from their own manifest or from what their index or
 *     tags say
 * @param versionsTotal versions listed so far
 * @param manifestsRead manifests read (from the registry or the dashboard's database)
 * @param complete the analysis finished: every manifest worth reading was read (or failed, see {@code problems})
 * @param problems presentable notes about what could not be read (e.g. a manifest the registry refused)
 * @param versionsListed false while only the newest page of versions is known and the rest are being listed
 */
public record PackageAnalysis(
        ContainerPackage containerPackage,
        PackageGraph graph,
        int versionsPlaced,
        int versionsTotal,
        int manifestsRead,
        boolean complete,
        List<String> problems,
        Instant analysedAt,
        boolean versionsListed) {

    public PackageAnalysis {
        problems = List.copyOf(problems);
    }

    public int percentDone() {
        return versionsTotal == 0 ? 100 : (int) (100L * versionsPlaced / versionsTotal);
    }
}
