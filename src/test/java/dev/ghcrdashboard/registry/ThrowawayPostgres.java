package dev.ghcrdashboard.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.postgresql.ds.PGSimpleDataSource;

import dev.ghcrdashboard.ServiceRequirement;

/**
 * A PostgreSQL 15 cluster of its own (initdb + pg_ctl on a free loopback port, fsync off) for checking
 * that the V10 migration and the cache queries run on PostgreSQL too. Runs the server as the
 * {@code postgres} user when the tests run as root, since PostgreSQL refuses to run as root.
 */
final class ThrowawayPostgres implements AutoCloseable {

    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

    private final Path directory;
    private final int port;

    private ThrowawayPostgres(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    static ThrowawayPostgres start() {
        ServiceRequirement.assume(Files.isExecutable(BIN.resolve("initdb")), "PostgreSQL 15 (/usr/lib/postgresql/15/bin)");
        try {
            Path directory = Files.createTempDirectory("registry-pg-");
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            if (runningAsRoot()) {
                run("chown", "-R", "postgres:postgres", directory.toString());
            }
            Path data = directory.resolve("data");
            run(asPostgres(BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "-A", "trust", "--no-sync"));
            run(asPostgres(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", directory.resolve("pg.log").toString(), "-w", "-t", "60",
                    "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c fsync=off -c unix_socket_directories=" + directory, "start"));
            return new ThrowawayPostgres(directory, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    PGSimpleDataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {"127.0.0.1"});
        dataSource.setPortNumbers(new int[] {port});
        dataSource.setDatabaseName("postgres");
        dataSource.setUser("postgres");
        return dataSource;
    }

    @Override
    public void close() {
        try {
            run(asPostgres(BIN.resolve("pg_ctl").toString(), "-D", directory.resolve("data").toString(), "-m", "immediate", "-w", "stop"));
        } finally {
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException ignored) {
                // best effort: a temp directory
            }
        }
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static String[] asPostgres(String... command) {
        if (!runningAsRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        wrapped.addAll(List.of(command));
        return wrapped.toArray(String[]::new);
    }

    private static void run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
