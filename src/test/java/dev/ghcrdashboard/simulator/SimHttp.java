package dev.ghcrdashboard.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the simulator tests: GitHub's headers, no redirects followed. */
final class SimHttp {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Supplier<URI> base;

    SimHttp(URI base) {
        this(() -> base);
    }

    /** For a simulator that starts later than the client is made (see {@link DemoWorld}). */
    SimHttp(Supplier<URI> base) {
        this.base = base;
    }

    HttpResponse<String> api(String method, String path, String token, String... headers) {
        HttpRequest.Builder builder = request(path.startsWith("http") ? URI.create(path) : URI.create(base.get() + "/api/v3" + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return sendString(builder.build());
    }

    HttpResponse<String> get(String path, String token, String... headers) {
        return api("GET", path, token, headers);
    }

    HttpResponse<String> raw(String method, String pathAndQuery, String body, String... headers) {
        HttpRequest.Builder builder = request(URI.create(base.get() + pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return sendString(builder.build());
    }

    HttpResponse<byte[]> bytes(String method, String pathAndQuery, String... headers) {
        HttpRequest.Builder builder = request(URI.create(base.get() + pathAndQuery)).method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        try {
            return client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> form(String pathAndQuery, String form, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = "application/x-www-form-urlencoded";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return raw("POST", pathAndQuery, form, all);
    }

    /** A registry bearer token for {@code repository}, anonymous when {@code token} is null. */
    HttpResponse<String> registryToken(String repository, String login, String token) {
        return scopedToken("repository:" + repository + ":pull", login, token);
    }

    /** A registry bearer token for a {@code repository:NAME:ACTIONS} scope, anonymous when {@code token} is null. */
    HttpResponse<String> scopedToken(String scope, String login, String token, String... moreScopes) {
        StringBuilder path = new StringBuilder("/token?service=ghcr-simulator&scope=").append(scope);
        for (String more : moreScopes) {
            path.append("&scope=").append(more);
        }
        if (token == null) {
            return raw("GET", path.toString(), null);
        }
        String basic = java.util.Base64.getEncoder().encodeToString((login + ":" + token).getBytes(StandardCharsets.UTF_8));
        return raw("GET", path.toString(), null, "Authorization", "Basic " + basic);
    }

    /** A token with {@code pull,push} on {@code repository}; fails the test when none is issued. */
    String pushToken(String repository, String login, String token) {
        HttpResponse<String> response = scopedToken("repository:" + repository + ":pull,push", login, token);
        if (response.statusCode() != 200) {
            throw new AssertionError("no push token for " + repository + ": " + response.statusCode() + " " + response.body());
        }
        return json(response).get("token").asString();
    }

    /** A request with a binary body (blob chunks, manifests). */
    HttpResponse<String> send(String method, String pathAndQuery, byte[] body, String... headers) {
        HttpRequest.Builder builder = request(URI.create(base.get() + pathAndQuery)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return sendString(builder.build());
    }

    String pullToken(String repository, String login, String token) {
        HttpResponse<String> response = registryToken(repository, login, token);
        if (response.statusCode() != 200) {
            throw new AssertionError("no registry token for " + repository + ": " + response.statusCode() + " " + response.body());
        }
        return json(response).get("token").asString();
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
    }

    private HttpResponse<String> sendString(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
