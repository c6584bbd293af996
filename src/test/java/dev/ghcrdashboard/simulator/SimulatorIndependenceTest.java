package dev.ghcrdashboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The simulator stands in for GitHub, so it must not lean on the dashboard it is used to test: demo mode depends on
 * the simulator, never the reverse. Every type a class refers to is named in its constant pool, so reading the
 * compiled classes catches imports, fully qualified names and reflection strings alike.
 */
class SimulatorIndependenceTest {

    /** A type of the application outside the simulator, in the internal ({@code dev/…}) or source ({@code dev.…}) form. */
    private static final Pattern APP_TYPE = Pattern.compile("dev[/.]ghcrdashboard[/.](?!simulator[/.$])[A-Za-z_$][\\w$]*(?:[/.][\\w$]+)*");

    @Test
    void theSimulatorRefersToNoOtherPartOfTheApplication() {
        Path simulatorClasses = classesOf(Simulator.class);
        List<Path> classes = classFiles(simulatorClasses);
        assertThat(classes).as("compiled simulator classes").hasSizeGreaterThan(30);
        Map<String, Set<String>> found = new TreeMap<>();
        for (Path file : classes) {
            Set<String> references = appReferences(file);
            if (!references.isEmpty()) {
                found.put(simulatorClasses.relativize(file).toString(), references);
            }
        }
        assertThat(found).as("simulator classes that use the dashboard's own packages").isEmpty();
    }

    @Test
    void theScanSeesSuchAReferenceWhereOneExists() {
        // This test class's neighbour uses the test support's MutableClock: the scan must report it, or the check above proves nothing.
        Path restTest = classesOf(RestBehaviourTest.class).resolve("RestBehaviourTest.class");
        assertThat(appReferences(restTest)).contains("dev/ghcrdashboard/support/MutableClock");
    }

    private static Set<String> appReferences(Path classFile) {
        try {
            String constants = new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
            Set<String> references = new TreeSet<>();
            Matcher matcher = APP_TYPE.matcher(constants);
            while (matcher.find()) {
                references.add(matcher.group());
            }
            return references;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> classFiles(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(file -> file.toString().endsWith(".class")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The directory holding the compiled classes of {@code type}'s package (main or test output). */
    private static Path classesOf(Class<?> type) {
        try {
            Path root = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            return root.resolve(type.getPackageName().replace('.', '/'));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
