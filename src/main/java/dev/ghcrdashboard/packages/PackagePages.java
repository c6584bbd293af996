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
        // While the analysis runs, an untagged version nothing has placed yet is most likely a platform manifest or
        // attestation whose index is about to be read: listed as an image of its own it would fill the pages with
        // rows that then vanish. It is counted instead, and listed if it is still unplaced at the end.
        int unplacedUntagged = 0;
        if (!analysis.complete()) {
            for (VersionNode root : graph.roots()) {
                unplacedUntagged += waitingForItsIndex(root) ? 1 : 0;
            }
        }
        List<VersionNode> roots = graph.roots().stream()
                .filter(root -> analysis.complete() || !waitingForItsIndex(root))
                .filter(filter::accepts)
                .filter(root -> search.isEmpty() || root.tags().stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).contains(search)))
                .toList();
        int pageCount = Math.max(1, (roots.size() + PackagePage.ROOTS_PER_PAGE - 1) / PackagePage.ROOTS_PER_PAGE);
        int page = Math.min(Math.max(1, requestedPage), pageCount);
        int from = (page - 1) * PackagePage.ROOTS_PER_PAGE;
        var rowFactory = new RowFactory(registryHost, ownerLogin, analysis.containerPackage().name(), paths, analysis.complete());
        List<VersionRow> rows = new ArrayList<>();
        for (VersionNode root : roots.subList(from, Math.min(roots.size(), from + PackagePage.ROOTS_PER_PAGE))) {
            addWithBelongings(graph, root, 0, rowFactory, rows, new HashSet<>());
        }
        return new PackagePage(analysis, rows, filter, tagSearch == null ? "" : tagSearch.strip(), page, pageCount, roots.size(),
                unplacedUntagged);
    }

    private static boolean waitingForItsIndex(VersionNode root) {
        return root.kind() == VersionKind.UNKNOWN && !root.tagged();
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

    /**
     * Makes table rows for one package: pull commands name the image as the registry serves it.
     *
     * @param analysed whether the analysis finished: an unknown version is then one that could not be read
     */
    record RowFactory(String registryHost, String ownerLogin, String packageName, Paths paths, boolean analysed) {

        VersionRow row(VersionNode node, int depth) {
            String image = registryHost + "/" + ownerLogin.toLowerCase(Locale.ROOT) + "/" + packageName;
            String platforms = node.platforms().stream().map(Platform::toString).distinct().collect(Collectors.joining(", "));
            String size = node.sizeKnown() ? Sizes.human(node.compressedSize()) : null;
            boolean sizePending = !node.sizeKnown() && (node.kind() == VersionKind.UNKNOWN || node.kind() == VersionKind.PLATFORM_MANIFEST);
            // Only tags docker accepts become commands: anything else would reach a shell unquoted (docs/ghcr-platform.md §7).
            Map<String, String> pullByTag = new LinkedHashMap<>();
            node.names().stream().filter(Names::isValidTag).forEach(tag -> pullByTag.put(tag, "docker pull " + image + ":" + tag));
            return new VersionRow(node, depth, kindLabel(node.kind(), analysed), platforms, size, sizePending && !analysed,
                    Collections.unmodifiableMap(pullByTag),
                    "docker pull " + image + "@" + node.digest(), paths.version(ownerLogin, packageName, node.id()));
        }
    }

    /** An unread version is "reading…" while the analysis goes on, and says it was not read once it is over. */
    static String kindLabel(VersionKind kind, boolean analysed) {
        return kind == VersionKind.UNKNOWN && analysed ? "unknown (not read)" : kind.label();
    }
}
