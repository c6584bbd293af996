package dev.ghcrdashboard.packages;

import dev.ghcrdashboard.common.Sizes;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a package's versions take in the registry, as the storage charts show it. Every version counts once
 * with its own compressed size (config and layers); a multi-arch index adds nothing of its own, since its size in the
 * version table is the sum of the platform manifests listed under it. So the figures are the sum of the version
 * table's sizes, each version counted once. Layers two manifests share are counted for each, as GitHub's own pages
 * count them: the registry does not say what deleting one version would free of a shared layer.
 */
final class Storage {

    private Storage() {
    }

    /**
     * One package's totals.
     *
     * @param orphanBytes what the untagged orphans take: what an "untagged orphans" cleanup would reclaim
     * @param complete false while manifests are still being read (sizes are still growing)
     * @param unread versions whose manifest is not read, so their size is not counted: attestations and signatures
     *     are placed from their index and tags and read only when someone opens them (docs/ghcr-platform.md §7.6)
     */
    record Figures(int versions, long bytes, int orphans, long orphanBytes, boolean complete, int unread) {

        static final Figures NONE = new Figures(0, 0, 0, 0, false, 0);


        static Figures of(PackageAnalysis analysis) {
            long bytes = 0;
            long orphanBytes = 0;
            int orphans = 0;
            int unread = 0;
            for (VersionNode node : analysis.graph().nodes()) {
                bytes += ownSize(node);
                if (!node.sizeKnown() && node.kind() != VersionKind.MULTI_ARCH_INDEX) {
                    unread++;
                }
                if (node.orphaned()) {
                    orphans++;
                    orphanBytes += node.compressedSize();
                }
            }
            return new Figures(analysis.graph().size(), bytes, orphans, orphanBytes,
                    analysis.complete() && analysis.versionsListed(), unread);
        }
    }

    /**
     * One bar of a chart: a label, the value the bar stands for, and an optional part of it drawn in another colour.
     *
     * @param share the bar's length in percent of the longest bar
     * @param partShare the part's length in percent of the longest bar
     */
    record Bar(String label, String href, long value, long part, String valueText, String partText, String note,
               double share, double partShare) {
    }

    /** Bars for an owner's packages, largest first; orphans are the highlighted part of each bar. */
    static List<Bar> packageBars(Map<String, Figures> figures, Map<String, String> links) {
        long largest = figures.values().stream().mapToLong(Figures::bytes).max().orElse(0);
        List<Bar> bars = new ArrayList<>();
        figures.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue().bytes(), a.getValue().bytes()))
                .forEach(entry -> {
                    Figures f = entry.getValue();
                    bars.add(new Bar(entry.getKey(), links.get(entry.getKey()), f.bytes(), f.orphanBytes(),
                            Sizes.human(f.bytes()), f.orphans() == 0 ? null : Sizes.human(f.orphanBytes()) + " in "
                                    + f.orphans() + (f.orphans() == 1 ? " untagged orphan" : " untagged orphans"),
                            f.versions() + (f.versions() == 1 ? " version" : " versions") + (f.complete() ? "" : ", still reading")
                                    + (f.unread() == 0 ? "" : ", " + f.unread() + " not read (size not counted)"),
                            percent(f.bytes(), largest), percent(f.orphanBytes(), largest)));
                });
        return bars;
    }

    /**
     * A package's history: per month in which versions were created, how many there were and what they took at the
     * end of that month (counting the versions that are still there), oldest month first.
     */
    static List<Bar> history(PackageGraph graph) {
        Map<YearMonth, long[]> months = new TreeMap<>();
        for (VersionNode node : graph.nodes()) {
            Instant created = node.version().createdAt();
            if (created != null) {
                long[] month = months.computeIfAbsent(YearMonth.from(created.atZone(ZoneOffset.UTC)), m -> new long[2]);
                month[0]++;
                month[1] += ownSize(node);
            }
        }
        long versions = 0;
        long bytes = 0;
        List<long[]> cumulative = new ArrayList<>();
        for (long[] month : months.values()) {
            versions += month[0];
            bytes += month[1];
            cumulative.add(new long[] {versions, bytes, month[0], month[1]});
        }
        List<Bar> bars = new ArrayList<>();
        int i = 0;
        for (YearMonth month : months.keySet()) {
            long[] c = cumulative.get(i++);
            bars.add(new Bar(month.toString(), null, c[1], c[3], Sizes.human(c[1]), "+" + Sizes.human(c[3]) + " this month",
                    c[0] + (c[0] == 1 ? " version" : " versions") + " (+" + c[2] + ")",
                    percent(c[1], bytes), percent(c[3], bytes)));
        }
        return bars;
    }

    /** A version's own size: an index's lies in the manifests listed under it; an unread manifest counts nothing yet. */
    static long ownSize(VersionNode node) {
        return node.kind() == VersionKind.MULTI_ARCH_INDEX || !node.sizeKnown() ? 0 : node.compressedSize();
    }

    private static double percent(long value, long of) {
        return of <= 0 ? 0 : Math.round(1000.0 * value / of) / 10.0;
    }
}
