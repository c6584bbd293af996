package dev.ghcrdashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.support.DashboardProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image, as far as this machine can build it: the Dockerfile's sources exist, its layer copies
 * are exactly the packaged jar's layers, and the layers extracted and put together as the runtime stage does
 * start with the image's ENTRYPOINT and answer the HEALTHCHECK's probe. Building the image itself needs a
 * Docker engine and the base images; where both are present it is built and run too.
 */
class ContainerImageIT {

    private static final Path DOCKERFILE = Path.of("Dockerfile");
    private static final Pattern COPY = Pattern.compile("(?m)^COPY (--from=build )?(.+) (\\S+)$");
    private static final Pattern EXTRACT = Pattern.compile("cp target/ghcr-dashboard-\\*\\.jar (\\S+) \\\\\\s*&& java -Djarmode=tools -jar \\1 extract --layers --destination (\\S+)");

    @TempDir
    Path work;

    @Test
    void theBuildStageCopiesOnlyWhatExists() throws IOException {
        String dockerfile = Files.readString(DOCKERFILE, StandardCharsets.UTF_8);
        Matcher copy = COPY.matcher(dockerfile);
        int sources = 0;
        while (copy.find()) {
            if (copy.group(1) == null) {
                for (String source : copy.group(2).split(" ")) {
                    assertThat(Path.of(source)).as("COPY source " + source).exists();
                    sources++;
                }
            }
        }
        assertThat(sources).isGreaterThanOrEqualTo(5);
        assertThat(dockerfile).contains("USER dashboard").containsPattern("HEALTHCHECK .*\\n.*/actuator/health/liveness");
    }

    @Test
    void theJarsLayersExtractAndStartAsTheImageWouldStartThem() throws IOException {
        String dockerfile = Files.readString(DOCKERFILE, StandardCharsets.UTF_8);
        Path jar = Path.of(System.getProperty("ghcr.jar", "target/ghcr-dashboard-0.1.0-SNAPSHOT.jar"));
        assertThat(jar).as("the packaged jar (run through mvn verify)").exists();

        Matcher extract = EXTRACT.matcher(dockerfile);
        assertThat(extract.find()).as("the build stage extracts the jar's layers").isTrue();
        String jarName = Path.of(extract.group(1)).getFileName().toString();
        String layersDir = extract.group(2);

        // The build stage's RUN: copy the jar under its name in the image, extract its layers.
        Path build = Files.createDirectories(work.resolve("build"));
        Files.copy(jar, build.resolve(jarName));
        Path layers = build.resolve("layers");
        run(List.of(java(), "-Djarmode=tools", "-jar", build.resolve(jarName).toString(), "extract", "--layers",
                "--destination", layers.toString()), build);

        // The runtime stage: the layer copies in the Dockerfile's order, into one directory (/app).
        List<String> copied = new ArrayList<>();
        Path app = Files.createDirectories(work.resolve("app"));
        Matcher copy = COPY.matcher(dockerfile);
        while (copy.find()) {
            if (copy.group(1) != null) {
                String source = copy.group(2);
                assertThat(source).startsWith(layersDir + "/");
                Path layer = layers.resolve(source.substring(layersDir.length() + 1));
                assertThat(layer).as("layer " + source).isDirectory();
                copied.add(layer.getFileName().toString());
                copyTree(layer, app);
            }
        }
        assertThat(copied).as("every layer of the jar is copied, in layers.idx order").isEqualTo(layerIndex(jar));

        List<String> command = DashboardProcess.imageEntrypoint();
        assertThat(command).startsWith("java").contains("-jar");
        String imageJar = command.get(command.indexOf("-jar") + 1);
        assertThat(imageJar).startsWith("/app/");
        Path startable = app.resolve(imageJar.substring("/app/".length()));
        assertThat(startable).as("the ENTRYPOINT's jar is in the assembled layers").exists();

        try (var dashboard = DashboardProcess.startJar("from-layers", work, startable,
                Map.of("ghcr-dashboard.data-dir", work.resolve("data").toString()), DashboardProcess.imageJvmOptions())) {
            assertThat(get(dashboard.url() + "/actuator/health/liveness")).contains("\"UP\"");
        }
    }

    @Test
    void theImageBuildsAndAnswersItsHealthCheckWhereDockerRuns() throws InterruptedException {
        boolean engine = exitsZero(List.of("docker", "info"));
        boolean baseImages = engine && exitsZero(List.of("docker", "image", "inspect", "eclipse-temurin:17-jdk"))
                && exitsZero(List.of("docker", "image", "inspect", "eclipse-temurin:17-jre"));
        if (!baseImages) {
            System.err.println("DOCKER ENGINE OR BASE IMAGES MISSING: the image was not built here (the layer test above"
                    + " covers the jar's layers and the ENTRYPOINT)");
        }
        Assumptions.assumeTrue(baseImages, "a Docker engine with eclipse-temurin:17-jdk and -jre available locally");
        run(List.of("docker", "build", "-t", "ghcr-dashboard:it", "."), Path.of("."));
        run(List.of("docker", "run", "-d", "--name", "ghcr-dashboard-it", "-p", "18080:8080", "ghcr-dashboard:it"), Path.of("."));
        try {
            String health = "";
            for (int i = 0; i < 120 && !health.contains("\"UP\""); i++) {
                Thread.sleep(1000);
                health = getQuietly("http://127.0.0.1:18080/actuator/health/liveness");
            }
            assertThat(health).contains("\"UP\"");
        } finally {
            exitsZero(List.of("docker", "rm", "-f", "ghcr-dashboard-it"));
        }
    }

    private static List<String> layerIndex(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            String index = new String(zip.getInputStream(zip.getEntry("BOOT-INF/layers.idx")).readAllBytes(), StandardCharsets.UTF_8);
            return index.lines().filter(line -> line.startsWith("- ")).map(line -> line.substring(2).replace("\"", "").replace(":", ""))
                    .toList();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void run(List<String> command, Path directory) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor()).as(String.join(" ", command) + "\n" + output).isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean exitsZero(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String get(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String getQuietly(String url) {
        try {
            return get(url);
        } catch (UncheckedIOException notYet) {
            return "";
        }
    }
}
