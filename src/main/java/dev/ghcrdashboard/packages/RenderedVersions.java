package dev.ghcrdashboard.packages;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;

import dev.ghcrdashboard.caching.CacheStatistics;
import dev.ghcrdashboard.common.FragmentRendering;
import dev.ghcrdashboard.common.RenderedHtml;

/**
 * The versions area of a package page, rendered once and then served as it is. Everyone GitHub lets read a package
 * shares its analysis ({@link PackageAnalyzer}), and the area holds nothing about the viewer (no forms, no roles), so
 * on a team's busy package the 150 rows of a page are rendered once instead of for every view: most of a package
 * page's cost.
 *
 * <ul>
 * <li>A complete analysis: the whole area, per view (filter, tag search, page), kept by the graph's identity, weakly:
 *     when the analyzer lets a graph go, its renderings go with it.
 * <li>A running one: its progress changes with every poll, the rows of a page far less often (the newest are read
 *     first), so only the table and its pager are kept, by what they show.
 * </ul>
 * Both at most a minute old, so the relative times on them ("3 days ago") are never more than a minute stale.
 */
@Component
class RenderedVersions {

    private static final String AREA = "packages/package-detail :: versionsBody";
    private static final String TABLE = "packages/package-detail :: versionsTable";
    private static final Duration KEPT_FOR = Duration.ofMinutes(1);
    /** Distinct views kept per graph; people mostly look at the first pages with the default filter. */
    private static final int VIEWS_PER_GRAPH = 32;
    /** About 1.5 KB of markup per row: 16 M characters are some seventy pages of 150 rows. */
    private static final long MAX_CHARACTERS = 16_000_000;

    /** What besides the analysis decides the area's content. */
    record ViewKey(VersionFilter filter, String tag, int page, String packagePath) {
    }

    /** Everything the table and its pager show. */
    private record TableKey(ViewKey view, List<VersionRow> rows, Map<String, String> platforms, int page, int pageCount,
                            int matchingRoots) {
    }

    private final FragmentRendering rendering;
    private final Cache<PackageGraph, Map<ViewKey, RenderedHtml>> byGraph;
    private final Cache<TableKey, RenderedHtml> tables;

    RenderedVersions(FragmentRendering rendering, CacheStatistics caches, Clock clock) {
        this.rendering = rendering;
        this.byGraph = caches.register("packages.rendered-versions", CacheStatistics.builder(clock)
                .weakKeys()
                .expireAfterWrite(KEPT_FOR)
                .maximumWeight(MAX_CHARACTERS)
                .<PackageGraph, Map<ViewKey, RenderedHtml>>weigher((graph, rendered) ->
                        rendered.values().stream().mapToInt(RenderedHtml::length).sum())
                .build());
        this.tables = caches.register("packages.rendered-tables", CacheStatistics.builder(clock)
                .expireAfterWrite(KEPT_FOR)
                .maximumWeight(MAX_CHARACTERS / 4)
                .<TableKey, RenderedHtml>weigher((key, table) -> table.length())
                .build());
    }

    /**
     * The area for {@code pkgPage} seen as {@code key}, rendered with {@code model} (to which it adds what the area
     * shows besides the page: {@code imagePlatforms} from {@code platforms}, the {@code history} chart of a complete
     * analysis) or kept from an earlier view.
     */
    RenderedHtml html(PackagePage pkgPage, ViewKey key, Map<String, Object> model, Supplier<Map<String, String>> platforms,
                      HttpServletRequest request, HttpServletResponse response) {
        PackageAnalysis analysis = pkgPage.analysis();
        if (!analysis.complete()) {
            Map<String, String> shown = platforms.get();
            model.put("imagePlatforms", shown);
            // Sizes still arrive: a chart of them now would understate every month.
            model.put("history", List.of());
            TableKey table = new TableKey(key, pkgPage.rows(), shown, pkgPage.page(), pkgPage.pageCount(), pkgPage.matchingRoots());
            model.put("renderedTable", tables.get(table, unused -> rendering.render(TABLE, model, request, response)));
            return rendering.render(AREA, model, request, response);
        }
        Map<ViewKey, RenderedHtml> kept = byGraph.getIfPresent(analysis.graph());
        RenderedHtml hit = kept == null ? null : kept.get(key);
        if (hit != null) {
            return hit;
        }
        model.put("imagePlatforms", platforms.get());
        model.put("history", Storage.history(analysis.graph()));
        RenderedHtml html = rendering.render(AREA, model, request, response);
        byGraph.asMap().compute(analysis.graph(), (graph, earlier) -> {
            if (earlier != null && earlier.size() >= VIEWS_PER_GRAPH) {
                return earlier;
            }
            Map<ViewKey, RenderedHtml> more = new HashMap<>(earlier == null ? Map.of() : earlier);
            more.put(key, html);
            return Map.copyOf(more);
        });
        return html;
    }
}
