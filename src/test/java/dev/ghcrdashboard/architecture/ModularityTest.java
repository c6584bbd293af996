package dev.ghcrdashboard.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.GhcrDashboardApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The module structure is part of the code: Spring Modulith verifies it, the documentation in
 * {@code docs/modules} is generated from it, and the README's module table says the same.
 * After a deliberate change, {@code ./mvnw test -Dtest=ModularityTest -Dmodules.update=true} rewrites
 * {@code docs/modules}.
 */
class ModularityTest {

    private static final Path COMMITTED_DOCS = Path.of("docs/modules");
    private static final Pattern README_ROW = Pattern.compile("^\\| `(\\w+)` \\| [^|]+ \\| ([^|]*) \\|$", Pattern.MULTILINE);

    private final ApplicationModules modules = ApplicationModules.of(GhcrDashboardApplication.class);

    @Test
    void modulesHaveNoCyclesAndUseOnlyWhatTheyDeclare() {
        modules.verify();
    }

    @Test
    void everyModuleDeclaresWhatItIsForAndWhatItMayUse() {
        assertThat(modules.stream()).allSatisfy(module -> {
            ApplicationModule declaration = declaration(module.getBasePackage().getName());
            assertThat(declaration).as(module.getIdentifier().toString() + "'s package-info.java declares @ApplicationModule").isNotNull();
            assertThat(declaration.allowedDependencies()).as(module.getIdentifier().toString() + " lists what it may use")
                    .doesNotContain(ApplicationModule.OPEN_TOKEN);
        });
    }

    @Test
    void theReadmeTableListsEveryModuleWithWhatItMayUse() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String layout = readme.substring(readme.indexOf("## Layout"));
        layout = layout.contains("\n## ") ? layout.substring(0, layout.indexOf("\n## ")) : layout;
        Map<String, String> documented = new TreeMap<>();
        Matcher row = README_ROW.matcher(layout);
        while (row.find()) {
            documented.put(row.group(1), normalise(row.group(2)));
        }
        Map<String, String> declared = new TreeMap<>();
        modules.forEach(module -> declared.put(module.getIdentifier().toString(),
                normalise(String.join(", ", declaration(module.getBasePackage().getName()).allowedDependencies()))));
        assertThat(documented).isEqualTo(declared);
    }

    @Test
    void theModuleDocumentationInDocsMatchesTheCode() throws IOException {
        Path generated = Path.of("target/modulith-docs");
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder(generated.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases()
                .writeAggregatingDocument();
        if (Boolean.getBoolean("modules.update")) {
            replace(COMMITTED_DOCS, generated);
        }
        assertThat(contents(COMMITTED_DOCS))
                .as("docs/modules is stale: run ./mvnw test -Dtest=ModularityTest -Dmodules.update=true")
                .isEqualTo(contents(generated));
    }

    private static ApplicationModule declaration(String basePackage) {
        try {
            return Class.forName(basePackage + ".package-info").getAnnotation(ApplicationModule.class);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    private static String normalise(String dependencies) {
        return Arrays.stream(dependencies.replace("`", "").replace("—", "").split(","))
                .map(String::strip).filter(name -> !name.isEmpty()).sorted().collect(Collectors.joining(", "));
    }

    private static Map<String, String> contents(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return files;
        }
        try (Stream<Path> paths = Files.list(folder)) {
            for (Path file : paths.toList()) {
                // Line order is not stable from one run to the next (Modulith lists what class scanning finds first), the content is.
                // In a canvas the first item of a table cell carries the cell's "|", so which item has it moves with the order.
                files.put(file.getFileName().toString(), Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                        .map(String::strip).map(line -> line.startsWith("|* ") ? line.substring(1) : line)
                        .filter(line -> !line.isEmpty()).sorted().collect(Collectors.joining("\n")));
            }
        }
        return files;
    }

    private static void replace(Path target, Path source) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> old = Files.list(target)) {
            old.forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        try (Stream<Path> fresh = Files.list(source)) {
            for (Path file : fresh.toList()) {
                Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
