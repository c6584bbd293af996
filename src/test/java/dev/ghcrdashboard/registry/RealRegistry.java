package dev.ghcrdashboard.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.ghcrdashboard.ServiceRequirement;

/**
 * A real OCI registry (Debian's {@code docker-registry}, CNCF distribution 2.8.2) on a free loopback
 * port, with its own configuration and storage in a temporary directory. Skips (laptop) or fails (CI)
 * the calling test when the binary is missing.
 *
 * <pre>{@code
 * try (RealRegistry registry = RealRegistry.start()) {
 *     URI url = registry.url();   // http://127.0.0.1:PORT
 * }
 * }</pre>
 */
public final class RealRegistry implements AutoCloseable {

    private static final Path BINARY = Path.of(System.getenv().getOrDefault("DOCKER_REGISTRY_BIN", "/usr/bin/docker-registry"));
    private static final Duration STARTUP = Duration.ofSeconds(30);

    /**
     * Token authentication as distribution understands it ({@code auth.token}).
     *
     * @param rootCertBundle PEM certificate(s) whose keys may sign tokens
     */
    public record TokenAuth(URI realm, String service, String issuer, Path rootCertBundle) {
    }

    private final Path directory;
    private final Process process;
    private final URI url;

    private RealRegistry(Path directory, Process process, URI url) {
        this.directory = directory;
        this.process = process;
        this.url = url;
    }

    /** A registry anyone may read and write. */
    public static RealRegistry start() {
        return start(null);
    }

    /** A registry that answers 401 with a Bearer challenge and accepts only tokens signed for {@code auth}. */
    public static RealRegistry start(TokenAuth auth) {
        ServiceRequirement.assume(Files.isExecutable(BINARY), "docker-registry (apt-get install docker-registry)");
        try {
            Path directory = Files.createTempDirectory("real-registry-");
            int port = freePort();
            Path config = directory.resolve("config.yml");
            Files.writeString(config, config(directory.resolve("storage"), port, auth), StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(BINARY.toString(), "serve", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("registry.log").toFile())
                    .start();
            RealRegistry registry = new RealRegistry(directory, process, URI.create("http://127.0.0.1:" + port));
            registry.awaitReady();
            return registry;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Base URL, without a trailing slash. */
    public URI url() {
        return url;
    }

    /** {@code 127.0.0.1:PORT}, as it appears in image references. */
    public String host() {
        return url.getAuthority();
    }

    /** What the registry logged so far; useful in assertion messages. */
    public String log() {
        try {
            return Files.readString(directory.resolve("registry.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteRecursively(directory);
    }

    private static String config(Path storage, int port, TokenAuth auth) {
        String yaml = """
                version: 0.1
                log:
                  level: warn
                  accesslog:
                    disabled: true
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                  maintenance:
                    uploadpurging:
                      enabled: false
                http:
                  addr: 127.0.0.1:%d
                  secret: %s
                """.formatted(storage, port, UUID.randomUUID());
        if (auth != null) {
            yaml += """
                    auth:
                      token:
                        realm: "%s"
                        service: "%s"
                        issuer: "%s"
                        rootcertbundle: %s
                    """.formatted(auth.realm(), auth.service(), auth.issuer(), auth.rootCertBundle().toAbsolutePath());
        }
        return yaml;
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                close();
                throw new IllegalStateException("docker-registry exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(url.resolve("/v2/")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200 || response.statusCode() == 401) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        String log = log();
        close();
        throw new IllegalStateException("docker-registry did not answer /v2/ within " + STARTUP + ":\n" + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // best effort: it is a temp directory
        }
    }
}
