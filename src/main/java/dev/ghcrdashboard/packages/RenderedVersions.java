package dev.ghcrdashboard.packages;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;

import dev.ghcrdashboard.caching.CacheStatistics;
import dev.ghcrdashboard.common.FragmentRendering;
import dev.ghcrdashboard.common.RenderedHtml;

/**
 * The versions area of a package page, rendered once per analysis and view (filter, tag search, page) and then
 * served as it is. Everyone GitHub lets read a package shares its analysis ({@link PackageAnalyzer}), and the area
 * holds nothing about the viewer (no forms, no roles), so on a team's busy package the 150 rows of a page are
 * rendered once instead of for every view: most of a package page's cost.
 *
 * <p>Only complete analyses are kept (a running one changes with every poll). Kept by the graph's identity, weakly:
 * when the analyzer lets a graph go, its renderings go with it. At most a minute old, so the relative times on it
 * ("3 days ago") are never more than a minute stale.
 */
@Component
class RenderedVersions {

    private static final String FRAGMENT = "packages/package-detail :: versionsBody";
    private static final Duration KEPT_FOR = Duration.ofMinutes(1);
    /** Distinct views kept per graph; people mostly look at the first pages with the default filter. */
    private static final int VIEWS_PER_GRAPH = 32;

    /** What besides the analysis decides the area's content. */
    record ViewKey(VersionFilter filter, String tag, int page, String packagePath) {
    }

    private final FragmentRendering rendering;
    private final Cache<PackageGraph, Map<ViewKey, RenderedHtml>> byGraph;

    RenderedVersions(FragmentRendering rendering, CacheStatistics caches, Clock clock) {
        this.rendering = rendering;
        this.byGraph = caches.register("packages.rendered-versions", CacheStatistics.builder(clock)
                .weakKeys()
                .expireAfterWrite(KEPT_FOR)
                // About 1.5 KB of markup per row: 16 M characters are some seventy pages of 150 rows.
                .maximumWeight(16_000_000)
                .<PackageGraph, Map<ViewKey, RenderedHtml>>weigher((graph, rendered) ->
                        rendered.values().stream().mapToInt(RenderedHtml::length).sum())
                .build());
    }

    /**
     * The area for {@code analysis} seen as {@code key}: kept from an earlier view, or rendered now with {@code model}
     * (after {@code completeModel} added what only a rendering needs) and kept when the analysis is complete.
     */
    RenderedHtml html(PackageAnalysis analysis, ViewKey key, Map<String, Object> model, Runnable completeModel,
                      HttpServletRequest request, HttpServletResponse response) {
        Map<ViewKey, RenderedHtml> kept = analysis.complete() ? byGraph.getIfPresent(analysis.graph()) : null;
        if (kept != null && kept.containsKey(key)) {
            return kept.get(key);
        }
        completeModel.run();
        RenderedHtml html = rendering.render(FRAGMENT, model, request, response);
        if (analysis.complete()) {
            byGraph.asMap().compute(analysis.graph(), (graph, earlier) -> {
                if (earlier != null && earlier.size() >= VIEWS_PER_GRAPH) {
                    return earlier;
                }
                Map<ViewKey, RenderedHtml> more = new HashMap<>(earlier == null ? Map.of() : earlier);
                more.put(key, html);
                return Map.copyOf(more);
            });
        }
        return html;
    }
}
