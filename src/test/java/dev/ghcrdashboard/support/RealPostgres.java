package dev.ghcrdashboard.support;

import dev.ghcrdashboard.ServiceRequirement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A real PostgreSQL for tests, one per test JVM. Where it comes from, in order:
 * {@code GHCR_TEST_POSTGRES_URL} (an existing server), a throwaway cluster from the local
 * PostgreSQL binaries ({@code initdb} + {@code pg_ctl} on loopback, fsync off), or Testcontainers when a
 * Docker engine runs. Without any of them the calling test is skipped (laptop) or fails (CI).
 */
public final class RealPostgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    /** Looked for once per JVM; empty when there is no PostgreSQL to be had. */
    private static Optional<Server> server;

    private RealPostgres() {
    }

    /** Skips (laptop) or fails (CI) the calling test when no PostgreSQL can be had; starts the shared server otherwise. */
    private static void assumeAvailable() {
        if (server == null) {
            server = Optional.ofNullable(startServer());
        }
        ServiceRequirement.assume(server.isPresent(),
                "PostgreSQL (install postgresql, set GHCR_TEST_POSTGRES_URL, or run a Docker engine)");
    }

    /** A fresh, empty database on the shared server; each call gets its own so tests do not interfere. */
    public static synchronized Database newDatabase() {
        assumeAvailable();
        Server shared = server.orElseThrow();
        String name = "ghcr_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(shared.url("postgres"), shared.user(), shared.password())) {
            connection.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database on " + shared.url("postgres"), e);
        }
        return new Database(shared.url(name), shared.user(), shared.password());
    }

    public record Database(String jdbcUrl, String user, String password) {

        /** A data source opening a new connection each time (no pool): enough for tests. */
        public DataSource dataSource() {
            return new DriverManagerDataSource(jdbcUrl, user, password);
        }
    }

    private record Server(String host, int port, String user, String password) {
        String url(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    private static Server startServer() {
        String external = System.getenv("GHCR_TEST_POSTGRES_URL");
        if (external != null && !external.isBlank()) {
            var uri = java.net.URI.create(external.replaceFirst("^jdbc:", ""));
            return new Server(uri.getHost(), uri.getPort(),
                    System.getenv().getOrDefault("GHCR_TEST_POSTGRES_USER", "postgres"),
                    System.getenv().getOrDefault("GHCR_TEST_POSTGRES_PASSWORD", ""));
        }
        Path binaries = localBinaries();
        if (binaries != null) {
            return startLocalCluster(binaries);
        }
        if (dockerAvailable()) {
            var container = new PostgreSQLContainer("postgres:16-alpine");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            return new Server(container.getHost(), container.getFirstMappedPort(), container.getUsername(), container.getPassword());
        }
        return null;
    }

    private static Path localBinaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (var versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
                    .max(Path::compareTo)
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static Server startLocalCluster(Path bin) {
        try {
            boolean root = "root".equals(System.getProperty("user.name"));
            Path dir = Files.createTempDirectory("ghcr-pg-");
            Path data = dir.resolve("data");
            if (root) {
                // initdb refuses to run as root; the Debian package's postgres user owns the cluster.
                run(List.of("chown", "-R", "postgres", dir.toString()), false);
            }
            int port = freePort();
            run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "-A", "trust",
                    "--no-sync", "-E", "UTF8"), root);
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("log").toString(),
                    "-w", "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c fsync=off -c unix_socket_directories="
                            + dir, "start"), root);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "stop"), root);
                } catch (RuntimeException ignored) {
                    // the JVM is going away; a leftover temp cluster is harmless
                }
            }));
            return new Server("127.0.0.1", port, "postgres", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(List<String> command, boolean asPostgres) {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("Command failed: " + full + "\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
