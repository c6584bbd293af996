package dev.ghcrdashboard.packages;

import dev.ghcrdashboard.common.Names;
import dev.ghcrdashboard.registry.Platform;
import dev.ghcrdashboard.common.Paths;
import dev.ghcrdashboard.common.Sizes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Lays a package's graph out as the version table: top-level versions newest first, each followed by
 * what belongs to it, so platform manifests, attestations and signatures appear under their image
 * and never as loose untagged rows.
 */
final class PackagePages {

    /** Belonging can nest (index → index → manifest; image → signature → its attestation); stop somewhere sane. */
    private static final int MAX_DEPTH = 4;

    private PackagePages() {
    }

    static PackagePage layout(PackageAnalysis analysis, String registryHost, String ownerLogin, Paths paths,
                              VersionFilter filter, String tagSearch, int requestedPage) {
        PackageGraph graph = analysis.graph();
        String search = tagSearch == null ? "" : tagSearch.strip().toLowerCase(Locale.ROOT);
        List<VersionNode> roots = graph.roots().stream()
                .filter(filter::accepts)
                .filter(root -> search.isEmpty() || root.tags().stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).contains(search)))
                .toList();
        int pageCount = Math.max(1, (roots.size() + PackagePage.ROOTS_PER_PAGE - 1) / PackagePage.ROOTS_PER_PAGE);
        int page = Math.min(Math.max(1, requestedPage), pageCount);
        int from = (page - 1) * PackagePage.ROOTS_PER_PAGE;
        var rowFactory = new RowFactory(registryHost, ownerLogin, analysis.containerPackage().name(), paths);
        List<VersionRow> rows = new ArrayList<>();
        for (VersionNode root : roots.subList(from, Math.min(roots.size(), from + PackagePage.ROOTS_PER_PAGE))) {
            addWithBelongings(graph, root, 0, rowFactory, rows, new HashSet<>());
        }
        return new PackagePage(analysis, rows, filter, tagSearch == null ? "" : tagSearch.strip(), page, pageCount, roots.size());
    }

    private static void addWithBelongings(PackageGraph graph, VersionNode node, int depth, RowFactory rowFactory,
                                          List<VersionRow> rows, Set<String> shown) {
        if (!shown.add(node.digest())) {
            return;
        }
        rows.add(rowFactory.row(node, depth));
        if (depth >= MAX_DEPTH) {
            return;
        }
        for (VersionNode child : graph.belongingTo(node)) {
            addWithBelongings(graph, child, depth + 1, rowFactory, rows, shown);
        }
    }

    /** Makes table rows for one package: pull commands name the image as the registry serves it. */
    record RowFactory(String registryHost, String ownerLogin, String packageName, Paths paths) {

        VersionRow row(VersionNode node, int depth) {
            String image = registryHost + "/" + ownerLogin.toLowerCase(Locale.ROOT) + "/" + packageName;
            String platforms = node.platforms().stream().map(Platform::toString).distinct().collect(Collectors.joining(", "));
            String size = node.kind() == VersionKind.UNKNOWN ? null : Sizes.human(node.compressedSize());
            // Only tags docker accepts become commands: anything else would reach a shell unquoted (docs/ghcr-platform.md §7).
            Map<String, String> pullByTag = new LinkedHashMap<>();
            node.names().stream().filter(Names::isValidTag).forEach(tag -> pullByTag.put(tag, "docker pull " + image + ":" + tag));
            return new VersionRow(node, depth, kindLabel(node.kind()), platforms, size, Collections.unmodifiableMap(pullByTag),
                    "docker pull " + image + "@" + node.digest(), paths.version(ownerLogin, packageName, node.id()));
        }
    }

    static String kindLabel(VersionKind kind) {
        return kind.label();
    }
}
