package dev.ghcrdashboard.github;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Response bodies exactly as GitHub's OpenAPI description shows them (vendored in test resources). */
final class GitHubApiExamples {

    private static final JsonNode EXAMPLES = load().path("components").path("examples");

    private GitHubApiExamples() {
    }

    static String example(String name) {
        JsonNode value = EXAMPLES.path(name).path("value");
        if (value.isMissingNode()) {
            throw new IllegalArgumentException("no example " + name);
        }
        return value.toString();
    }

    private static JsonNode load() {
        try (InputStream in = GitHubApiExamples.class.getResourceAsStream("/openapi/packages-openapi.json")) {
            return JsonMapper.shared().readTree(in);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
