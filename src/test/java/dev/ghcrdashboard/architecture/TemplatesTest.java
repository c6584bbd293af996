package dev.ghcrdashboard.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The templates follow the modules: each page lives in the folder of the module whose controller shows it
 * ({@code frontend-templates/<module>/…}), markup shared by several pages is defined once in
 * {@code frontend-templates/fragments/}, and every reference to a template or fragment (in a template or as a
 * view name in a controller) names one that exists, with the parameters it declares. Thymeleaf would only say
 * so when the page is rendered, and some fragments render only on rare paths (an htmx error, a failed restore).
 */
class TemplatesTest {

    private static final Path TEMPLATES = Path.of("frontend-templates");
    private static final Path MODULES = Path.of("src/main/java/dev/ghcrdashboard");
    private static final String SHARED = "fragments";

    /** {@code ~{template :: fragment}} or {@code ~{template :: fragment(arguments…)}}; {@code ~{::section}} selects markup of the page itself. */
    private static final Pattern REFERENCE = Pattern.compile("~\\{([\\w/-]+) :: (\\w+)(\\()?");
    private static final Pattern DECLARATION = Pattern.compile("th:fragment=\"(\\w+)\\s*(?:\\(([^)]*)\\))?\"");
    /** A view name in Java: {@code "cleanup/job"} or {@code "cleanup/job :: progress"}. */
    private static final Pattern VIEW_NAME = Pattern.compile("\"([a-z-]+/[a-z-]+)(?: :: (\\w+))?\"");
    /** A view name without a folder: {@code return "job";} or {@code "job :: progress"}. */
    private static final Pattern TOP_LEVEL_VIEW_NAME = Pattern.compile("return \"([a-z-]+)\";|\"([a-z-]+) :: \\w+\"");
    /** One start tag; attribute values may contain {@code >} ({@code th:if="${a > b}"}). */
    private static final Pattern START_TAG = Pattern.compile("<[a-zA-Z][\\w:-]*(?:[^>\"']|\"[^\"]*\"|'[^']*')*>");
    private static final Pattern INCLUSION = Pattern.compile("\\sth:(?:replace|insert)=");
    private static final Pattern CONDITION_OR_LOOP = Pattern.compile("\\sth:(?:if|unless|each)=");

    @Test
    void everyTemplateLivesInTheFolderOfAModuleOrInTheSharedFragments() throws IOException {
        try (Stream<Path> top = Files.list(TEMPLATES)) {
            assertThat(top).allSatisfy(entry -> {
                assertThat(entry).as("%s: templates go into a module's folder, not the top level", entry).isDirectory();
                String folder = entry.getFileName().toString();
                if (!folder.equals(SHARED)) {
                    assertThat(MODULES.resolve(folder).resolve("package-info.java"))
                            .as("frontend-templates/%s/ is named after a module under %s", folder, MODULES).exists();
                }
            });
        }
    }

    @Test
    void everyFragmentReferenceInATemplateNamesAnExistingFragmentWithItsParameters() {
        List<String> problems = new ArrayList<>();
        templates().forEach((name, html) -> {
            Matcher reference = REFERENCE.matcher(html);
            while (reference.find()) {
                List<String> arguments = reference.group(3) == null ? null : arguments(html, reference.end());
                String problem = problem(reference.group(1), reference.group(2), arguments);
                if (problem != null) {
                    problems.add(name + ": " + reference.group() + " " + problem);
                }
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void everyViewNameInTheCodeNamesAnExistingTemplateAndFragment() throws IOException {
        List<String> problems = new ArrayList<>();
        List<String> found = new ArrayList<>();
        for (Path source : javaSources()) {
            String code = Files.readString(source, StandardCharsets.UTF_8);
            Matcher view = VIEW_NAME.matcher(code);
            while (view.find()) {
                String folder = view.group(1).substring(0, view.group(1).indexOf('/'));
                if (Files.isDirectory(TEMPLATES.resolve(folder))) {
                    found.add(view.group());
                    String problem = problem(view.group(1), view.group(2), null);
                    if (problem != null) {
                        problems.add(source.getFileName() + ": " + view.group() + " " + problem);
                    }
                }
            }
            Matcher topLevel = TOP_LEVEL_VIEW_NAME.matcher(code);
            while (topLevel.find()) {
                if (code.contains("@Controller") || code.contains("@ControllerAdvice")) {
                    problems.add(source.getFileName() + ": " + topLevel.group() + " names a template outside any module folder");
                }
            }
        }
        assertThat(found).as("the scan finds the controllers' view names").contains("\"web/error\"", "\"cleanup/job :: progress\"");
        assertThat(problems).isEmpty();
    }

    /** Thymeleaf includes first and evaluates th:if/th:unless/th:each afterwards, on markup that no longer has them. */
    @Test
    void noElementBothIncludesAFragmentAndDecidesWhetherOrHowOftenItShows() {
        List<String> problems = new ArrayList<>();
        templates().forEach((name, html) -> {
            Matcher tag = START_TAG.matcher(html);
            while (tag.find()) {
                if (INCLUSION.matcher(tag.group()).find() && CONDITION_OR_LOOP.matcher(tag.group()).find()) {
                    problems.add(name + ": " + tag.group() + " (put the condition or loop on an enclosing th:block)");
                }
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void noTemplateWritesUnescapedText() {
        templates().forEach((name, html) ->
                assertThat(html).as(name).doesNotContain("th:utext").doesNotContain("[(${"));
    }

    /** Null when {@code template :: fragment}, called with {@code arguments} (null: none given), exists; else what is wrong. */
    private static String problem(String template, String fragment, List<String> arguments) {
        Path file = TEMPLATES.resolve(template + ".html");
        if (!Files.isRegularFile(file)) {
            return "names a template that does not exist (" + file + ")";
        }
        if (fragment == null) {
            return null;
        }
        Matcher declaration = DECLARATION.matcher(read(file));
        while (declaration.find()) {
            if (declaration.group(1).equals(fragment)) {
                List<String> parameters = declaration.group(2) == null ? List.of()
                        : Stream.of(declaration.group(2).split(",")).map(String::trim).toList();
                return parametersProblem(parameters, arguments);
            }
        }
        return "names a fragment " + template + ".html does not declare";
    }

    private static String parametersProblem(List<String> parameters, List<String> arguments) {
        List<String> given = arguments == null ? List.of() : arguments;
        boolean named = !given.isEmpty() && given.stream().allMatch(argument -> argument.matches("(?s)\\w+\\s*=[^=].*"));
        if (named) {
            List<String> names = given.stream().map(argument -> argument.substring(0, argument.indexOf('=')).trim()).toList();
            // A fragment without declared parameters takes any named ones as local variables.
            return parameters.isEmpty() || names.stream().sorted().toList().equals(parameters.stream().sorted().toList())
                    ? null : "passes " + names + " but the fragment declares " + parameters;
        }
        return given.size() == parameters.size() ? null : "passes " + given.size() + " argument(s) but the fragment declares " + parameters;
    }

    /** The comma-separated arguments from {@code start} (just after the opening parenthesis) to its closing one. */
    private static List<String> arguments(String html, int start) {
        List<String> arguments = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int from = start;
        for (int i = start; i < html.length(); i++) {
            char c = html.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && (c == '(' || c == '{' || c == '[')) {
                depth++;
            } else if (!quoted && (c == ')' || c == '}' || c == ']')) {
                if (depth == 0) {
                    if (!html.substring(from, i).isBlank() || !arguments.isEmpty()) {
                        arguments.add(html.substring(from, i).trim());
                    }
                    return arguments;
                }
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                arguments.add(html.substring(from, i).trim());
                from = i + 1;
            }
        }
        throw new IllegalStateException("unclosed argument list at " + start);
    }

    private static Map<String, String> templates() {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            Map<String, String> templates = new LinkedHashMap<>();
            files.filter(file -> file.toString().endsWith(".html")).sorted()
                    .forEach(file -> templates.put(TEMPLATES.relativize(file).toString(), read(file)));
            assertThat(templates).as("templates under " + TEMPLATES.toAbsolutePath()).isNotEmpty();
            return templates;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> javaSources() throws IOException {
        try (Stream<Path> files = Files.walk(MODULES)) {
            return files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
