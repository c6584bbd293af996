package dev.ghcrdashboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Holds REST exchanges with the simulator to GitHub's published OpenAPI description
 * ({@code src/test/resources/openapi/packages-openapi.json}). Register {@link #listener()} with
 * {@link SimulatorControl#addExchangeListener}, drive traffic (the simulator's own tests, or the
 * dashboard's clients), then call {@link #assertNoViolations()}.
 *
 * <p>Only {@code /api/v3/…} exchanges are validated, with that prefix stripped (the spec describes
 * api.github.com). Status codes the spec leaves out (304 on most paths, 404 on single-package GETs,
 * server errors) are real GitHub behaviour, so an unknown status is not a violation; instead every
 * 4xx body must still be GitHub's basic-error object with a {@code message}, and every 304 must be
 * bodiless. A request sent wrong on purpose carries {@link #EXPECT_INVALID_REQUEST}. Link URLs in GitHub's {@code /organizations/{id}} and {@code /user/{id}} forms are not in
 * the spec and are skipped.
 */
public final class OpenApiContract {

    /** Header a test sets on a request it sends wrong on purpose: only the response is then held to the contract. */
    public static final String EXPECT_INVALID_REQUEST = "X-Contract-Expect-Invalid-Request";

    /**
     * The spec omits {@code page}, {@code per_page} and {@code state} on this one list although its siblings under
     * {@code /user} and {@code /orgs} declare them and GitHub honours them.
     */
    private static final Pattern USERS_VERSIONS = Pattern.compile("^/users/[^/]+/packages/[^/]+/[^/]+/versions$");
    private static final Pattern ID_FORM = Pattern.compile("^/(organizations|user)/\\d+/");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static volatile OpenApiInteractionValidator shared;

    private final OpenApiInteractionValidator validator;
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger validated = new AtomicInteger();

    private OpenApiContract(OpenApiInteractionValidator validator) {
        this.validator = validator;
    }

    /** A contract over the vendored Packages subset of GitHub's REST description. */
    public static OpenApiContract packagesApi() {
        return new OpenApiContract(validator());
    }

    public Consumer<RecordedExchange> listener() {
        return this::check;
    }

    /** How many REST exchanges were checked so far (so a test can tell an idle listener from a passing one). */
    public int validatedCount() {
        return validated.get();
    }

    public List<String> violations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }

    public void assertNoViolations() {
        assertThat(violations()).as("exchanges that break GitHub's OpenAPI contract").isEmpty();
    }

    private void check(RecordedExchange exchange) {
        String path = exchange.path();
        if (!path.startsWith("/api/v3/")) {
            return;
        }
        String apiPath = path.substring("/api/v3".length());
        if (ID_FORM.matcher(apiPath).find()) {
            return;
        }
        validated.incrementAndGet();
        String label = exchange.method() + " " + exchange.pathAndQuery() + " -> " + exchange.status() + ": ";
        ValidationReport report = validator.validate(request(exchange, apiPath), response(exchange));
        boolean invalidOnPurpose = exchange.requestHeader(EXPECT_INVALID_REQUEST) != null;
        for (ValidationReport.Message message : report.getMessages()) {
            String key = message.getKey();
            if (invalidOnPurpose && key.startsWith("validation.request.")) {
                continue;
            }
            if (key.equals("validation.request.parameter.query.unexpected") && USERS_VERSIONS.matcher(apiPath).matches()) {
                continue;
            }
            if (message.getLevel() == ValidationReport.Level.ERROR) {
                violations.add(label + message.getKey() + " " + message.getMessage());
            }
        }
        int status = exchange.status();
        if (status == 304 && exchange.responseBody().length > 0) {
            violations.add(label + "a 304 must not have a body");
        }
        if (status >= 400 && status < 500 && exchange.responseBody().length > 0) {
            try {
                JsonNode body = JSON.readTree(exchange.responseBody());
                if (!body.isObject() || !body.path("message").isString()) {
                    violations.add(label + "an error body must be an object with a message: " + exchange.responseText());
                }
            } catch (RuntimeException e) {
                violations.add(label + "an error body must be JSON: " + exchange.responseText());
            }
        }
    }

    private static SimpleRequest request(RecordedExchange exchange, String apiPath) {
        SimpleRequest.Builder builder = new SimpleRequest.Builder(exchange.method(), apiPath);
        String query = exchange.pathAndQuery().contains("?")
                ? exchange.pathAndQuery().substring(exchange.pathAndQuery().indexOf('?') + 1) : "";
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            builder.withQueryParam(name, value);
        }
        for (Map.Entry<String, List<String>> header : exchange.requestHeaders().entrySet()) {
            builder.withHeader(header.getKey(), header.getValue());
        }
        if (exchange.requestBody().length > 0) {
            builder.withBody(new String(exchange.requestBody(), StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    private static SimpleResponse response(RecordedExchange exchange) {
        SimpleResponse.Builder builder = new SimpleResponse.Builder(exchange.status());
        for (Map.Entry<String, List<String>> header : exchange.responseHeaders().entrySet()) {
            builder.withHeader(header.getKey(), header.getValue());
        }
        if (exchange.responseBody().length > 0) {
            builder.withBody(exchange.responseText());
        }
        return builder.build();
    }

    private static OpenApiInteractionValidator validator() {
        OpenApiInteractionValidator result = shared;
        if (result == null) {
            synchronized (OpenApiContract.class) {
                result = shared;
                if (result == null) {
                    result = OpenApiInteractionValidator.createForInlineApiSpecification(spec())
                            .withLevelResolver(LevelResolver.create()
                                    // GitHub answers statuses its description leaves out (see the class comment).
                                    .withLevel("validation.response.status.unknown", ValidationReport.Level.IGNORE)
                                    // GitHub's recommended Accept is application/vnd.github+json; it is served as application/json.
                                    .withLevel("validation.request.accept.notAllowed", ValidationReport.Level.IGNORE)
                                    .build())
                            .build();
                    shared = result;
                }
            }
        }
        return result;
    }

    /**
     * GET /user and /users/{username} answer {@code oneOf: [private-user, public-user]} with a discriminator on
     * {@code user_view_type}, which the schemas do not mark required; the validator refuses such a schema outright.
     * A discriminator is only a hint for picking the branch, so dropping it leaves the oneOf check intact.
     */
    private static String withoutDiscriminators(JsonNode spec) {
        removeDiscriminators(spec);
        return JSON.writeValueAsString(spec);
    }

    private static void removeDiscriminators(JsonNode node) {
        if (node instanceof tools.jackson.databind.node.ObjectNode object) {
            if (object.has("oneOf")) {
                object.remove("discriminator");
            }
            object.values().forEach(OpenApiContract::removeDiscriminators);
        } else if (node.isArray()) {
            node.values().forEach(OpenApiContract::removeDiscriminators);
        }
    }

    private static String spec() {
        try (InputStream in = OpenApiContract.class.getResourceAsStream("/openapi/packages-openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi/packages-openapi.json is missing from the test classpath");
            }
            return withoutDiscriminators(JSON.readTree(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
