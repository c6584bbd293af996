package dev.ghcrdashboard.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person using the dashboard over plain HTTP: one cookie jar, redirects followed the way a browser
 * follows them, and the OAuth sign-in through the simulator's authorize form. Lighter than
 * {@link Browser}, so failure-mode tests and the benchmark can make many requests and read raw
 * statuses and headers.
 */
public final class DashboardHttp {

    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");
    private static final Pattern HIDDEN_FIELD = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"");
    private static final Pattern SCOPE = Pattern.compile("<input type=\"checkbox\" name=\"scope\" value=\"([^\"]+)\"");
    /** What a browser sends for a navigation; Spring Security picks the sign-in redirect by it. */
    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String dashboard;
    private final HttpClient client;

    public DashboardHttp(String dashboardUrl) {
        this(dashboardUrl, HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(5))
                .build());
    }

    private DashboardHttp(String dashboardUrl, HttpClient client) {
        this.dashboard = dashboardUrl;
        this.client = client;
    }

    /**
     * The same person (the same cookie jar) at another instance of the dashboard, as a load balancer would send
     * their next request there. Cookies do not depend on the port, so one jar serves every instance on the host.
     */
    public DashboardHttp at(String otherInstanceUrl) {
        return new DashboardHttp(otherInstanceUrl, client);
    }

    /** What came back after redirects: final URI, status, headers and body as text. */
    public record Page(URI uri, int status, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst().map(e -> e.getValue().isEmpty() ? null : e.getValue().get(0)).orElse(null);
        }
    }

    /** Signs in as {@code login} and returns the page the dashboard lands on. */
    public Page signIn(String login) {
        return authorize(login, "/oauth2/authorization/github");
    }

    /**
     * Signs in as {@code login} granting the extra scopes the dashboard asks for when a person first deletes
     * ({@code delete}) or restores ({@code restore}).
     */
    public Page signInWithExtraScopes(String login, String... extras) {
        return authorize(login, "/oauth2/authorization/github?extra=" + String.join(",", extras));
    }

    private Page authorize(String login, String start) {
        Page authorize = get(start);
        if (!authorize.uri().getPath().equals("/login/oauth/authorize")) {
            throw new IllegalStateException("expected the simulator's authorize page, got " + authorize.uri() + " " + authorize.status());
        }
        Map<String, String> form = new LinkedHashMap<>();
        Matcher hidden = HIDDEN.matcher(authorize.body());
        while (hidden.find()) {
            form.put(hidden.group(1), unescape(hidden.group(2)));
        }
        List<Map.Entry<String, String>> fields = new ArrayList<>(form.entrySet());
        fields.add(Map.entry("login", login));
        Matcher scope = SCOPE.matcher(authorize.body());
        while (scope.find()) {
            fields.add(Map.entry("scope", unescape(scope.group(1))));
        }
        fields.add(Map.entry("decision", "authorize"));
        return post(authorize.uri().resolve("/login/oauth/authorize"), fields, Map.of());
    }

    public Page get(String path) {
        return get(path, Map.of());
    }

    public Page get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(path)).timeout(Duration.ofSeconds(60)).GET();
        if (headers.keySet().stream().noneMatch("Accept"::equalsIgnoreCase)) {
            request.header("Accept", BROWSER_ACCEPT);
        }
        headers.forEach(request::header);
        return send(request.build());
    }

    /** A form POST to the dashboard. */
    public Page post(String path, List<Map.Entry<String, String>> fields, Map<String, String> headers) {
        return post(resolve(path), fields, headers);
    }

    /** The CSRF token of a page's forms (Thymeleaf adds it to every POST form). */
    public static String csrfToken(Page page) {
        Matcher matcher = CSRF.matcher(page.body());
        if (!matcher.find()) {
            throw new IllegalStateException("no CSRF token on " + page.uri());
        }
        return matcher.group(1);
    }

    /**
     * Starts a delete job as a person does: opens the cleanup page with {@code form} (the cleanup form's fields,
     * e.g. {@code tagPattern}), confirms the preview (typing the package name where the page asks for it) and
     * returns the path of the job page it lands on.
     */
    public String startCleanup(String owner, String packageName, Map<String, String> form) {
        String query = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        Page preview = get("/owners/" + owner + "/cleanup?name=" + URLEncoder.encode(packageName, StandardCharsets.UTF_8) + "&" + query);
        int start = preview.body().indexOf("id=\"confirm-form\"");
        if (preview.status() != 200 || start < 0) {
            throw new IllegalStateException("no confirmation form on " + preview.uri() + " (" + preview.status() + ")");
        }
        String confirmForm = preview.body().substring(start, preview.body().indexOf("</form>", start));
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        // Thymeleaf writes its own CSRF field as <input … />, the template's fields as <input …>.
        Matcher hidden = HIDDEN_FIELD.matcher(confirmForm);
        while (hidden.find()) {
            fields.add(Map.entry(hidden.group(1), unescape(hidden.group(2))));
        }
        fields.add(Map.entry("confirmName", packageName));
        Page job = post("/owners/" + owner + "/cleanup/confirm", fields, Map.of());
        if (job.status() != 200 || !job.uri().getPath().contains("/jobs/")) {
            throw new IllegalStateException("confirming did not start a job: " + job.uri() + " (" + job.status() + ")");
        }
        return job.uri().getPath();
    }

    /** Reads the job page until the job has ended (finished or cancelled), and returns that page. */
    public Page awaitJobEnd(String jobPath, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Page page = get(jobPath);
            if (page.status() == 200 && page.body().contains("id=\"job-report\"")) {
                return page;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + jobPath + " did not end within " + timeout + "; last page: " + page.status());
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private Page post(URI uri, List<Map.Entry<String, String>> fields, Map<String, String> headers) {
        String body = fields.stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", BROWSER_ACCEPT)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    private URI resolve(String path) {
        return path.startsWith("http") ? URI.create(path) : URI.create(dashboard + path);
    }

    private Page send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Page(response.uri(), response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
