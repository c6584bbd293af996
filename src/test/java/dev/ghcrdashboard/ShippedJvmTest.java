package dev.ghcrdashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.support.DashboardProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dashboard runs on the same JIT wherever it runs: the container image, {@code ./mvnw spring-boot:run} and the
 * benchmarks whose figures docs/benchmarks.md reports. Otherwise a benchmark would measure a JVM nobody deploys.
 */
class ShippedJvmTest {

    private static final Pattern JIT_PROPERTY = Pattern.compile("<ghcr\\.jit>([^<]+)</ghcr\\.jit>");

    @Test
    void theImageTheReadmeCommandAndTheBenchmarksUseOneJit() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
        Matcher jit = JIT_PROPERTY.matcher(pom);
        assertThat(jit.find()).as("pom.xml names the JIT options once, as ghcr.jit").isTrue();
        List<String> options = List.of(jit.group(1).trim().split("\\s+"));

        assertThat(DashboardProcess.imageJvmOptions()).as("the Dockerfile's ENTRYPOINT").containsAll(options);
        assertThat(pom).as("spring-boot:run").containsPattern(
                "<artifactId>spring-boot-maven-plugin</artifactId>\\s*<configuration>(?s:(?!</configuration>).)*<jvmArguments>\\$\\{ghcr\\.jit}</jvmArguments>");
        assertThat(pom).as("the benchmark profile").containsPattern(
                "<id>benchmark</id>(?s:(?!</profile>).)*<argLine>\\$\\{ghcr\\.jit}</argLine>");
    }
}
