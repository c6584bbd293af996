package dev.ghcrdashboard.cleanup;

import dev.ghcrdashboard.github.AccessToken;
import dev.ghcrdashboard.github.GitHubClient;
import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.github.PackageVersion;
import dev.ghcrdashboard.github.VersionState;
import dev.ghcrdashboard.packages.PackageAnalysis;
import dev.ghcrdashboard.packages.PackageAnalyzer;
import dev.ghcrdashboard.packages.PackageGraph;
import dev.ghcrdashboard.packages.VersionNode;
import dev.ghcrdashboard.registry.RegistryClient;
import dev.ghcrdashboard.registry.RegistryCredentials;
import dev.ghcrdashboard.registry.RegistryException;
import dev.ghcrdashboard.registry.RegistryRepository;
import dev.ghcrdashboard.registry.RegistryWriter;
import dev.ghcrdashboard.security.SignedInUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Service;

/**
 * Checks that every tag of a package resolves (through the registry, as a pull would) to an image
 * whose listed manifests are all still active versions, and finds which missing pieces the trash
 * still holds; finds placeholders a tag removal left behind, and referrers whose image is gone. Runs after
 * every job and on demand.
 */
@Service
record IntegrityCheck(PackageAnalyzer analyzer, RegistryClient registry, GitHubClient gitHub) {

    private static final Duration ANALYSIS_WAIT = Duration.ofSeconds(60);

    public IntegrityReport check(String login, AccessToken token, Owner owner, String packageName) {
        analyzer.invalidate(owner.login(), packageName);
        PackageAnalysis analysis = analyzer.analyse(new SignedInUser(login, token, Set.of()), owner, packageName, ANALYSIS_WAIT);
        List<String> notes = new ArrayList<>();
        if (analysis == null || !analysis.complete()) {
            notes.add("Some manifests were still being read; images they belong to were checked as far as known.");
        }
        if (analysis == null) {
            return new IntegrityReport(0, List.of(), notes, List.of(), List.of());
        }
        PackageGraph graph = analysis.graph();
        List<IntegrityReport.Leftover> placeholders = new ArrayList<>();
        List<IntegrityReport.Leftover> orphanedReferrers = new ArrayList<>();
        for (VersionNode node : graph.nodes()) {
            var leftover = new IntegrityReport.Leftover(node.id(), node.digest(), node.tags());
            if (graph.manifest(node.digest()).map(RegistryWriter::isPlaceholder).orElse(false)) {
                placeholders.add(leftover);
            } else if (node.orphaned() && node.subjectDigest() != null) {
                orphanedReferrers.add(leftover);
            }
        }
        var repository = new RegistryRepository(owner.login(), packageName);
        var credentials = RegistryCredentials.user(login, token);
        Set<String> tags = new TreeSet<>();
        graph.nodes().forEach(node -> tags.addAll(node.tags()));
        List<PendingBreak> broken = new ArrayList<>();
        Set<String> allMissing = new LinkedHashSet<>();
        for (String tag : tags) {
            Optional<String> resolved;
            try {
                resolved = registry.resolveTag(repository, tag, credentials);
            } catch (RegistryException e) {
                notes.add("Tag " + tag + " could not be checked: " + e.getMessage());
                continue;
            }
            if (resolved.isEmpty()) {
                broken.add(new PendingBreak(tag, null, List.of()));
                continue;
            }
            List<String> missing = missing(graph, resolved.get());
            if (!missing.isEmpty()) {
                broken.add(new PendingBreak(tag, resolved.get(), missing));
                allMissing.addAll(missing);
            }
        }
        Map<String, Long> trash = new HashMap<>();
        if (!allMissing.isEmpty()) {
            for (PackageVersion deleted : gitHub.versions(owner, packageName, VersionState.DELETED, token)) {
                trash.putIfAbsent(deleted.digest(), deleted.id());
            }
        }
        List<IntegrityReport.BrokenTag> result = new ArrayList<>();
        for (PendingBreak pending : broken) {
            List<Long> restorable = pending.missing().stream().map(trash::get).filter(id -> id != null).toList();
            result.add(new IntegrityReport.BrokenTag(pending.tag(), pending.digest(), pending.missing(), restorable));
        }
        return new IntegrityReport(tags.size(), result, notes, placeholders, orphanedReferrers);
    }

    /** Digests the image at {@code digest} lists, directly or through nested indexes, that are not active. */
    static List<String> missing(PackageGraph graph, String digest) {
        List<String> missing = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> queue = new ArrayList<>(List.of(digest));
        while (!queue.isEmpty()) {
            String current = queue.remove(queue.size() - 1);
            if (!seen.add(current)) {
                continue;
            }
            Optional<VersionNode> node = graph.byDigest(current);
            if (node.isEmpty()) {
                missing.add(current);
                continue;
            }
            queue.addAll(node.get().childDigests());
        }
        return missing;
    }

    private record PendingBreak(String tag, String digest, List<String> missing) {
    }
}
