package dev.ghcrdashboard.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A dashboard in its own JVM, started the way an operator starts it ({@code java … GhcrDashboardApplication}
 * with settings), on the compiled classes and runtime dependencies so no packaging step is needed. Its console output goes to a log
 * file that tests read (token scans, which instance did what). {@link #kill()} is SIGKILL on Linux
 * ({@code destroyForcibly}): no shutdown hook, no graceful stop, as a crash.
 */
public final class DashboardProcess implements AutoCloseable {

    /** Small heap and a quick JIT: these processes serve a test's few requests, on a 2-core CI machine. */
    private static final List<String> TEST_JVM = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k");
    private static final Pattern ENTRYPOINT = Pattern.compile("(?m)^ENTRYPOINT \\[(.*)]$");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Map<String, String> settings;
    private final List<String> jvm;
    /** What follows the JVM options: {@code -cp CLASSPATH MAIN} or {@code -jar JAR}. */
    private final List<String> program;
    private final Path log;
    private final int port;
    private Process process;

    /**
     * The application's classes and its runtime dependencies, as the packaged jar has them: not the test
     * classpath, whose test classes and test-only libraries a production process never sees. Maven writes the
     * list ({@code maven-dependency-plugin:build-classpath}, phase generate-test-resources).
     */
    private static final List<String> FROM_TEST_CLASSPATH =
            List.of("-cp", runtimeClasspath(), "dev.ghcrdashboard.GhcrDashboardApplication");

    private DashboardProcess(String name, Map<String, String> settings, List<String> jvm, List<String> program, Path log, int port) {
        this.name = name;
        this.settings = settings;
        this.jvm = jvm;
        this.program = program;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts a dashboard with {@code settings} (property → value, passed as {@code --property=value}) and waits
     * until its readiness probe says UP. Output is appended to {@code logDir/NAME.log}, across restarts.
     */
    public static DashboardProcess start(String name, Path logDir, Map<String, String> settings) {
        return start(name, logDir, settings, TEST_JVM);
    }

    public static DashboardProcess start(String name, Path logDir, Map<String, String> settings, List<String> jvmOptions) {
        var process = new DashboardProcess(name, Map.copyOf(settings), List.copyOf(jvmOptions), FROM_TEST_CLASSPATH,
                logDir.resolve(name + ".log"), freePort());
        process.launch();
        return process;
    }

    /** Starts a dashboard without waiting for it; {@link #readiness()} and {@link #awaitReady()} follow its start. */
    public static DashboardProcess startWithoutWaiting(String name, Path logDir, Map<String, String> settings) {
        var process = new DashboardProcess(name, Map.copyOf(settings), TEST_JVM, FROM_TEST_CLASSPATH, logDir.resolve(name + ".log"),
                freePort());
        process.process = process.spawn();
        return process;
    }

    /** What {@code /actuator/health/readiness} answers now: its status code, or 0 when nothing answers yet. */
    public int readiness() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness")).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notAnswering) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts {@code java JVM-OPTIONS -jar JAR} (a packaged or extracted dashboard) and waits for its liveness probe. */
    public static DashboardProcess startJar(String name, Path logDir, Path jar, Map<String, String> settings, List<String> jvmOptions) {
        var process = new DashboardProcess(name, Map.copyOf(settings), List.copyOf(jvmOptions), List.of("-jar", jar.toString()),
                logDir.resolve(name + ".log"), freePort());
        process.launch();
        return process;
    }

    /**
     * The JVM options of the container image's ENTRYPOINT (what comes between {@code java} and {@code -jar}): how an
     * operator's dashboard runs, for tests and benchmarks that should run it the same way.
     */
    public static List<String> imageJvmOptions() {
        List<String> command = imageEntrypoint();
        return command.subList(1, command.indexOf("-jar"));
    }

    /** The Dockerfile's {@code ENTRYPOINT [...]}, one element per argument. */
    public static List<String> imageEntrypoint() {
        try {
            Matcher entrypoint = ENTRYPOINT.matcher(Files.readString(Path.of("Dockerfile"), StandardCharsets.UTF_8));
            if (!entrypoint.find()) {
                throw new IllegalStateException("the Dockerfile has no ENTRYPOINT [...]");
            }
            return Stream.of(entrypoint.group(1).split(",")).map(part -> part.trim().replaceAll("^\"|\"$", "")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a start that was expected to fail printed, and its exit code. */
    public record Exited(int exitCode, String output) {
    }

    /** Starts a dashboard that should stop by itself (a bad setting), and waits for it to exit. */
    public static Exited runUntilExit(Path logDir, String name, Map<String, String> settings, Duration timeout) {
        var process = new DashboardProcess(name, Map.copyOf(settings), TEST_JVM, FROM_TEST_CLASSPATH, logDir.resolve(name + ".log"),
                freePort());
        try {
            Process running = process.spawn();
            if (!running.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                running.destroyForcibly().waitFor();
                throw new AssertionError(name + " was still running after " + timeout + ":\n" + process.logText());
            }
            return new Exited(running.exitValue(), process.logText());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The operating system's id of the running process (for {@code jcmd}, say). */
    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: the JVM gets no chance to finish anything. */
    public void kill() {
        stop(true);
    }

    /** SIGTERM: Spring Boot shuts down in order (used before reading an H2 file the process holds open). */
    public void stopGracefully() {
        stop(false);
    }

    /** Starts the same process again (same port, same settings, same log), and waits for readiness. */
    public void restart() {
        if (alive()) {
            throw new IllegalStateException(name + " is still running");
        }
        launch();
    }

    @Override
    public void close() {
        if (alive()) {
            stop(true);
        }
    }

    private void stop(boolean forcibly) {
        if (process == null) {
            return;
        }
        try {
            if (forcibly) {
                process.destroyForcibly();
            } else {
                process.destroy();
            }
            process.waitFor(60, TimeUnit.SECONDS);
            if (process.isAlive()) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void launch() {
        process = spawn();
        awaitReady();
    }

    /** Waits until the readiness probe says UP; fails with the log's tail if the process exits or takes too long. */
    public void awaitReady() {
        HttpClient http = HTTP;
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " while starting:\n" + tail());
            }
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200 && ready.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // the port opens only once the context (and Flyway's migrations) are done
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        kill();
        throw new AssertionError(name + " was not ready within " + START_TIMEOUT + ":\n" + tail());
    }

    private Process spawn() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvm);
        command.addAll(program);
        Map<String, String> all = new LinkedHashMap<>();
        all.put("server.port", Integer.toString(port));
        all.putAll(settings);
        all.forEach((key, value) -> command.add("--" + key + "=" + value));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // Only the settings the test gives: nothing from the developer's or CI's environment.
        builder.environment().keySet().removeIf(key -> key.startsWith("GHCR_") || key.startsWith("GITHUB_")
                || key.startsWith("SPRING_") || key.startsWith("LOGGING_") || key.startsWith("MANAGEMENT_") || key.equals("PORT"));
        try {
            Files.createDirectories(log.getParent());
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String runtimeClasspath() {
        Path dependencies = Path.of("target", "runtime-classpath.txt");
        if (!Files.exists(dependencies)) {
            throw new IllegalStateException(dependencies + " is missing: run the tests through Maven (./mvnw test), which writes it");
        }
        try {
            return Path.of("target", "classes").toAbsolutePath() + File.pathSeparator
                    + Files.readString(dependencies, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String tail() {
        String text = logText();
        return text.length() > 6000 ? "…" + text.substring(text.length() - 6000) : text;
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
