package dev.ghcrdashboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * A Java Flight Recorder recording of one phase of the benchmark (JFR's "profile" settings: a stack sample
 * of every running Java thread every 2 ms), summarised as where the dashboard's CPU went. A sample is
 * charged to the first subsystem found walking its stack from the running method outwards, so time in a
 * {@code HashMap} called by the graph counts as graph time and time in Jackson called by the parser as JSON.
 * The simulator (same JVM) and the benchmark's HTTP client are counted apart.
 */
final class ColdProfile implements AutoCloseable {

    /** Subsystems in the order they are looked for; the first matching frame (innermost first) wins. */
    private static final List<Map.Entry<String, List<String>>> SUBSYSTEMS = List.of(
            Map.entry("JSON parsing and writing (Jackson)", List.of("tools.jackson.", "com.fasterxml.jackson.")),
            Map.entry("sha256 of fetched bytes", List.of("sun.security.provider.", "java.security.MessageDigest")),
            Map.entry("database (H2, JDBC, Hikari)", List.of("org.h2.", "com.zaxxer.hikari.", "org.springframework.jdbc.")),
            // Every @{…} link a page renders passes Spring's resource URL chain, which looks it up as a static file.
            Map.entry("links looked up as static resources (ResourceUrlProvider)", List.of("org.springframework.web.servlet.resource.")),
            Map.entry("templates (Thymeleaf)", List.of("org.thymeleaf.", "org.attoparser.")),
            Map.entry("version graph (PackageGraph, its assembly)", List.of("dev.ghcrdashboard.packages.PackageGraph",
                    "dev.ghcrdashboard.packages.GraphAssembly", "dev.ghcrdashboard.packages.VersionNode")),
            Map.entry("table layout (PackagePages)", List.of("dev.ghcrdashboard.packages.PackagePages")),
            Map.entry("read scheduling (PackageAnalyzer, ReadSchedule)", List.of("dev.ghcrdashboard.packages.PackageAnalyzer",
                    "dev.ghcrdashboard.packages.ReadSchedule")),
            Map.entry("registry client (RegistryClient, RegistryHttp, caches)", List.of("dev.ghcrdashboard.registry.")),
            Map.entry("GitHub REST client", List.of("dev.ghcrdashboard.github.")),
            Map.entry("HTTP client (WebClient, Reactor Netty)", List.of("org.springframework.web.reactive.", "org.springframework.http.client.",
                    "io.netty.", "reactor.")),
            Map.entry("web server (Tomcat, Spring MVC, Security)", List.of("org.apache.catalina.", "org.apache.coyote.",
                    "org.apache.tomcat.", "org.springframework.web.", "org.springframework.security.")));

    private final Recording recording;
    private final Path file;

    private ColdProfile(Path file) throws IOException, ParseException {
        this.file = file;
        this.recording = new Recording(Configuration.getConfiguration("profile"));
        // Denser than the profile's 10-20 ms, so a minute of analysis gives a few thousand samples.
        recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(2));
        // Every JIT compilation and deoptimization, so the compiler's share of the process CPU can be explained.
        recording.enable("jdk.Compilation").withThreshold(Duration.ZERO);
        recording.enable("jdk.Deoptimization");
        recording.setToDisk(true);
        recording.start();
    }

    static ColdProfile start(Path file) throws IOException, ParseException {
        return new ColdProfile(file);
    }

    /** Stops the recording, writes it to the file (open it with JDK Mission Control or {@code jfr print}) and summarises it. */
    String stopAndSummarise() throws IOException {
        recording.stop();
        Files.createDirectories(file.getParent());
        recording.dump(file);
        Map<String, Integer> dashboard = new HashMap<>();
        Map<String, Integer> hotMethods = new HashMap<>();
        int dashboardSamples = 0;
        int simulatorSamples = 0;
        int clientSamples = 0;
        Map<String, Integer> compileMillisByPackage = new HashMap<>();
        Map<String, Integer> deoptsByReason = new HashMap<>();
        int compilations = 0;
        long compileMillis = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (event.getEventType().getName().equals("jdk.Compilation")) {
                compilations++;
                int millis = (int) event.getDuration().toMillis();
                compileMillis += millis;
                compileMillisByPackage.merge(packageOf(event.getValue("method")) + " (tier " + event.getValue("compileLevel") + ")",
                        millis, Integer::sum);
                continue;
            }
            if (event.getEventType().getName().equals("jdk.Deoptimization")) {
                deoptsByReason.merge(event.getString("reason") + " in " + packageOf(event.getValue("method")), 1, Integer::sum);
                continue;
            }
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedThread thread = event.getThread("sampledThread");
            String threadName = thread == null || thread.getJavaName() == null ? "" : thread.getJavaName();
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            if (threadName.startsWith("github-simulator-")) {
                simulatorSamples++;
                continue;
            }
            if (threadName.startsWith("HttpClient-") || threadName.equals("main")) {
                clientSamples++;
                continue;
            }
            dashboardSamples++;
            dashboard.merge(subsystem(stack.getFrames()), 1, Integer::sum);
            RecordedFrame top = stack.getFrames().get(0);
            hotMethods.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1, Integer::sum);
        }
        StringBuilder summary = new StringBuilder();
        summary.append(String.format(Locale.ROOT, "JFR execution samples: dashboard %d, simulator %d, benchmark client %d (recording: %s)%n",
                dashboardSamples, simulatorSamples, clientSamples, file));
        summary.append("where the dashboard's samples fall (first subsystem on the stack, innermost first):\n");
        appendTop(summary, dashboard, dashboardSamples, 14);
        summary.append("hottest methods of the dashboard (the running frame):\n");
        appendTop(summary, hotMethods, dashboardSamples, 12);
        // Starting a recording redefines JFR's event classes, after which the JVM recompiles code it had compiled long
        // before (the analysis' own methods reappear at tier 2): compare JIT figures of unprofiled runs instead.
        summary.append(String.format(Locale.ROOT, "JIT (inflated by the recording's start): %,d compilations, %,d ms elapsed; "
                + "by package and tier (ms):%n", compilations, compileMillis));
        appendTop(summary, compileMillisByPackage, (int) compileMillis, 15);
        summary.append("deoptimizations by reason and package:\n");
        appendTop(summary, deoptsByReason, deoptsByReason.values().stream().mapToInt(Integer::intValue).sum(), 10);
        return summary.toString();
    }

    private static String subsystem(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            for (Map.Entry<String, List<String>> subsystem : SUBSYSTEMS) {
                for (String prefix : subsystem.getValue()) {
                    if (type.startsWith(prefix)) {
                        return subsystem.getKey();
                    }
                }
            }
        }
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("dev.ghcrdashboard.")) {
                return "other dashboard code (" + type.substring("dev.ghcrdashboard.".length()) + ")";
            }
        }
        String leaf = frames.get(0).getMethod().getType().getName();
        int dot = leaf.lastIndexOf('.');
        return "other (" + (dot < 0 ? leaf : leaf.substring(0, dot)) + ")";
    }

    /** The first three segments of a compiled method's package, e.g. {@code org.springframework.web}. */
    private static String packageOf(Object method) {
        if (!(method instanceof RecordedMethod recorded)) {
            return "?";
        }
        String[] parts = recorded.getType().getName().split("\\.");
        return String.join(".", Arrays.copyOf(parts, Math.min(3, Math.max(1, parts.length - 1))));
    }

    private static void appendTop(StringBuilder out, Map<String, Integer> counts, int total, int limit) {
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        for (Map.Entry<String, Integer> entry : sorted.subList(0, Math.min(limit, sorted.size()))) {
            out.append(String.format(Locale.ROOT, "  %5.1f%%  %6d  %s%n", total == 0 ? 0 : 100.0 * entry.getValue() / total,
                    entry.getValue(), entry.getKey()));
        }
    }

    @Override
    public void close() {
        recording.close();
    }
}
