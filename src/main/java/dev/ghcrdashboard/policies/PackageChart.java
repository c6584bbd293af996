package dev.ghcrdashboard.policies;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One package's history under a policy, drawn as inline SVG (no script, no CDN): its versions over time as a line,
 * its size as a second line, and what each run reclaimed (or, in a dry run, would have) as bars. The same figures are
 * in a table for screen readers.
 */
record PackageChart(String packageName, List<Point> points) {

    static final int WIDTH = 320;
    static final int HEIGHT = 90;
    private static final int PAD = 4;

    /** One run's record of the package. */
    record Point(Instant at, int versions, long bytes, long reclaimedBytes, int versionsDeleted) {
    }

    /** A bar of the reclaimed-bytes series, in SVG coordinates. */
    record Bar(String x, String y, String width, String height, String title) {
    }

    PackageChart {
        points = List.copyOf(points);
    }

    static List<PackageChart> of(List<RunPackage> history) {
        Map<String, List<Point>> byPackage = new LinkedHashMap<>();
        history.stream().sorted(Comparator.comparing(RunPackage::packageName)).forEach(run -> byPackage
                .computeIfAbsent(run.packageName(), name -> new ArrayList<>())
                .add(new Point(run.plannedAt(), run.versionsTotal(), run.packageBytes(), run.reclaimedBytes(), run.versionsDeleted())));
        byPackage.values().forEach(points -> points.sort(Comparator.comparing(Point::at)));
        return byPackage.entrySet().stream().map(entry -> new PackageChart(entry.getKey(), entry.getValue())).toList();
    }

    /** The versions line's {@code points} attribute. */
    public String versionsLine() {
        return line(points.stream().mapToDouble(Point::versions).toArray());
    }

    /** The size line's {@code points} attribute. */
    public String sizeLine() {
        return line(points.stream().mapToDouble(Point::bytes).toArray());
    }

    public List<Bar> reclaimedBars() {
        double max = points.stream().mapToLong(Point::reclaimedBytes).max().orElse(0);
        double slot = (WIDTH - 2.0 * PAD) / Math.max(1, points.size());
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            Point point = points.get(i);
            double height = max == 0 ? 0 : (HEIGHT - 2.0 * PAD) * 0.4 * point.reclaimedBytes() / max;
            bars.add(new Bar(number(PAD + i * slot + slot * 0.2), number(HEIGHT - PAD - height), number(slot * 0.6), number(height),
                    point.reclaimedBytes() + " bytes"));
        }
        return bars;
    }

    private String line(double[] values) {
        double max = 0;
        double min = Double.MAX_VALUE;
        for (double value : values) {
            max = Math.max(max, value);
            min = Math.min(min, value);
        }
        double span = max - min == 0 ? 1 : max - min;
        double step = values.length < 2 ? 0 : (WIDTH - 2.0 * PAD) / (values.length - 1);
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            double x = values.length < 2 ? WIDTH / 2.0 : PAD + i * step;
            // The top 55% of the chart holds the lines; the bars stand below them.
            double y = PAD + (HEIGHT - 2.0 * PAD) * 0.55 * (1 - (values[i] - min) / span);
            line.append(i == 0 ? "" : " ").append(number(x)).append(',').append(number(y));
        }
        return line.toString();
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
