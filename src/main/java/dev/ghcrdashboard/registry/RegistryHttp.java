package dev.ghcrdashboard.registry;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.ghcrdashboard.caching.CacheStatistics;
import dev.ghcrdashboard.github.RetryPolicy;

/**
 * HTTP with a registry: the Bearer token dance, retries of transient failures ({@link RetryPolicy}),
 * redirects (blobs are served from storage hosts) and the mapping of statuses to exceptions. Credentials
 * never leave the origin they belong to, and no token ever appears in an exception message or a log line.
 */
final class RegistryHttp {

    private static final int MAX_REDIRECTS = 5;
    private static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(60);
    private static final Pattern ERROR_CODE = Pattern.compile("[A-Z_]{1,64}");

    record Response(int status, HttpHeaders headers, byte[] body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        String header(String name) {
            return headers.getFirst(name);
        }
    }

    private final WebClient web;
    private final ConnectionProvider connections;
    private final RegistryProperties properties;
    private final TokenCache tokens;
    private final RetryPolicy retryPolicy;
    private final SingleFlight<String> tokenFetches;
    private final JsonMapper json;
    /**
     * The last Bearer challenge this registry sent: its realm and service say where tokens come from. Written
     * when a 401 arrives; a stale one costs at most one more 401 (the token it leads to is refused).
     */
    private volatile AuthChallenge knownChallenge;

    RegistryHttp(WebClient.Builder builder, RegistryProperties properties, TokenCache tokens, CacheStatistics caches,
                 JsonMapper json) {
        // Our own pool: Reactor's shared one allows 16 connections per host on small machines (fewer than
        // the fetch concurrency) and is also used by the GitHub REST client. A few more than the fetch
        // concurrency leave room for token and tag requests.
        this.connections = ConnectionProvider.builder("registry")
                .maxConnections(properties.concurrency() + 8)
                .pendingAcquireMaxCount(-1)
                .build();
        HttpClient netty = HttpClient.create(connections)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(properties.connectTimeout().toMillis()))
                .responseTimeout(properties.responseTimeout());
        // Our own connector, because connect and response timeouts are connector settings (Reactor Netty's response
        // timeout also ends a response whose body stalls); filters and codecs configured on the shared builder are
        // kept. No observation per request: a bulk read sends thousands, counted by RegistryClient's own metrics.
        this.web = builder.clone()
                .observationRegistry(ObservationRegistry.NOOP)
                .clientConnector(new ReactorClientHttpConnector(netty))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(properties.maxDocumentSize()))
                .build();
        this.properties = properties;
        this.tokens = tokens;
        this.tokenFetches = new SingleFlight<>("registry.token-requests", caches);
        this.retryPolicy = RetryPolicy.of(properties.retries(), properties.retryBackoff());
        this.json = json;
    }

    void close() {
        connections.dispose();
    }

    /**
     * Sends a request for {@code repository}, answering a Bearer challenge once with a token for
     * {@code credentials}. Returns the final response whatever its status, except that a 401/403 after
     * a fresh token is {@link RegistryAccessDeniedException}.
     */
    Response send(RegistryRepository repository, RegistryCredentials credentials, HttpMethod method, URI uri, String accept, String what) {
        String cached = tokens.get(repository, credentials);
        if (cached == null) {
            cached = tokenBeforeSending(repository, credentials);
        }
        Response response = exchange(method, uri, accept, cached == null ? null : "Bearer " + cached, what);
        if (response.status() != 401) {
            return response;
        }
        AuthChallenge challenge = bearerChallenge(response, what);
        knownChallenge = challenge;
        if (cached != null) {
            tokens.evict(repository, credentials, cached);
        }
        // Concurrent requests (a bulk read) that all met the challenge share one token request.
        String token = tokenFetches.run(tokenKey(repository, credentials), () -> {
            String fresh = tokens.get(repository, credentials);
            return fresh != null ? fresh : token(challenge, repository, credentials, challenge.param("scope"));
        });
        Response retried = exchange(method, uri, accept, "Bearer " + token, what);
        if (retried.status() == 401 || retried.status() == 403) {
            throw new RegistryAccessDeniedException(what + " denied (" + describe(retried) + ") for " + credentials);
        }
        return retried;
    }

    /**
     * A pull token for {@code repository} asked for before any request is sent: possible once this registry's
     * Bearer challenge has been seen (its realm and service are the same for every repository of a registry).
     * So the registry answers 401 once, at the dashboard's first contact, instead of once per repository, per
     * expired token and per request of a fan-out that set out before the first token arrived; and a token the
     * cache let go shortly before its expiry (see {@link TokenCache}) is renewed before it is refused.
     *
     * @return the token, or {@code null} while no challenge has been seen (the caller sends without one)
     */
    String tokenBeforeSending(RegistryRepository repository, RegistryCredentials credentials) {
        AuthChallenge challenge = knownChallenge;
        if (challenge == null) {
            return null;
        }
        return tokenFetches.run(tokenKey(repository, credentials), () -> {
            String fresh = tokens.get(repository, credentials);
            return fresh != null ? fresh : token(challenge, repository, credentials, null);
        });
    }

    /** Whether a token for {@code repository} is cached or can be asked for without a first 401. */
    boolean canAuthenticateUpFront(RegistryRepository repository, RegistryCredentials credentials) {
        return tokens.get(repository, credentials) != null || knownChallenge != null;
    }

    private static String tokenKey(RegistryRepository repository, RegistryCredentials credentials) {
        return repository.path() + " " + CredentialUse.identity(credentials);
    }

    /** A token for {@code scope} (defaults to pull on the repository), cached per repository and identity. */
    String token(AuthChallenge challenge, RegistryRepository repository, RegistryCredentials credentials, String scope) {
        Response response = requestToken(challenge, repository, credentials, scope);
        if (response.status() == 401 || response.status() == 403) {
            throw new RegistryAccessDeniedException("token denied (" + response.status() + ") for " + repository + " as " + credentials);
        }
        if (!response.ok()) {
            throw failure(response, "token for " + repository);
        }
        TokenGrant grant = parseToken(response);
        if (grant == null) {
            throw new RegistryException("token endpoint for " + repository + " answered without a token");
        }
        tokens.put(repository, credentials, grant.token(), grant.lifetime());
        return grant.token();
    }

    record TokenGrant(String token, Duration lifetime) {

        @Override
        public String toString() {
            return "TokenGrant[token=***, lifetime=" + lifetime + "]";
        }
    }

    /** Asks the challenge's realm for a token; the raw response, so a caller can tell a denial from a failure. */
    Response requestToken(AuthChallenge challenge, RegistryRepository repository, RegistryCredentials credentials, String scope) {
        URI realm = URI.create(challenge.param("realm"));
        String service = Objects.requireNonNullElse(challenge.param("service"), properties.service());
        URI uri = UriComponentsBuilder.fromUri(realm)
                .queryParam("service", service)
                .queryParam("scope", scope == null ? "repository:" + repository.path() + ":pull" : scope)
                .encode()
                .build()
                .toUri();
        String basic = CredentialUse.basicAuthorization(credentials);
        if (basic != null && !mayCarryCredentials(realm)) {
            throw new RegistryException("refusing to send credentials over plain HTTP to " + realm.getHost());
        }
        return exchange(HttpMethod.GET, uri, "application/json", basic, "token for " + repository);
    }

    TokenGrant parseToken(Response response) {
        try {
            JsonNode body = json.readTree(response.body());
            String token = body.path("token").asString("");
            if (token.isEmpty()) {
                token = body.path("access_token").asString("");
            }
            if (token.isEmpty()) {
                return null;
            }
            long seconds = body.path("expires_in").asLong(0);
            return new TokenGrant(token, seconds > 0 ? Duration.ofSeconds(seconds) : DEFAULT_TOKEN_LIFETIME);
        } catch (JacksonException e) {
            return null;
        }
    }

    AuthChallenge bearerChallenge(Response response, String what) {
        List<String> values = response.headers().getOrEmpty(HttpHeaders.WWW_AUTHENTICATE);
        AuthChallenge challenge;
        try {
            challenge = AuthChallenge.bearer(values);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(what + ": " + e.getMessage());
        }
        if (challenge == null) {
            throw new RegistryAccessDeniedException(what + " denied (401) without a Bearer challenge");
        }
        return challenge;
    }

    /**
     * One logical request: follows redirects (dropping credentials when the origin changes) and retries
     * as the {@link RetryPolicy} says: 5xx, 429, timeouts and connection failures, with backoff.
     */
    Response exchange(HttpMethod method, URI uri, String accept, String authorization, String what) {
        return exchange(method, uri, accept, authorization, null, what);
    }

    /** What a write sends: blob bytes or a manifest, with its media type. */
    record Body(String contentType, byte[] bytes) {
    }

    /**
     * {@link #exchange(HttpMethod, URI, String, String, String)} with a request body ({@code null} for none). Writes
     * are retried like reads: a manifest PUT is idempotent, and a blob upload checks afterwards whether the blob is there.
     */
    Response exchange(HttpMethod method, URI uri, String accept, String authorization, Body body, String what) {
        AtomicInteger attempts = new AtomicInteger();
        return Mono.defer(() -> {
                    attempts.incrementAndGet();
                    return followRedirects(method, uri, accept, authorization, body, what, 0);
                })
                .onErrorMap(RetryPolicy::noAnswer,
                        failure -> new RetryPolicy.Retryable(what + " failed (" + failure.getClass().getSimpleName() + ")", failure))
                .flatMap(response -> RetryPolicy.transientStatus(response.status())
                        ? Mono.error(new RetryPolicy.Retryable(what + " failed (" + describe(response) + ")"))
                        : Mono.just(response))
                .retryWhen(retryPolicy.retry())
                .onErrorMap(RetryPolicy.Retryable.class, failure -> new RegistryUnavailableException(
                        failure.getMessage() + " after " + attempts.get() + " attempts", failure.getCause()))
                .block();
    }

    private Mono<Response> followRedirects(HttpMethod method, URI uri, String accept, String authorization, Body body, String what,
                                           int hop) {
        return once(method, uri, accept, authorization, body).flatMap(response -> {
            String location = response.header(HttpHeaders.LOCATION);
            if (!isRedirect(response.status()) || location == null) {
                return Mono.just(response);
            }
            if (hop >= MAX_REDIRECTS) {
                return Mono.error(new RegistryException(what + ": more than " + MAX_REDIRECTS + " redirects"));
            }
            URI next = uri.resolve(location);
            // Once dropped, credentials stay dropped, even if a later hop comes back to the origin.
            return followRedirects(method, next, accept, sameOrigin(uri, next) ? authorization : null, body, what, hop + 1);
        });
    }

    private Mono<Response> once(HttpMethod method, URI uri, String accept, String authorization, Body body) {
        WebClient.RequestBodySpec request = web.method(method)
                .uri(uri)
                .headers(headers -> {
                    if (accept != null) {
                        headers.set(HttpHeaders.ACCEPT, accept);
                    }
                    if (authorization != null) {
                        headers.set(HttpHeaders.AUTHORIZATION, authorization);
                    }
                    if (body != null) {
                        headers.set(HttpHeaders.CONTENT_TYPE, body.contentType());
                    }
                });
        return (body == null ? request : request.bodyValue(body.bytes()))
                .exchangeToMono(response -> response.bodyToMono(byte[].class)
                        .defaultIfEmpty(new byte[0])
                        .map(received -> new Response(response.statusCode().value(), HttpHeaders.copyOf(response.headers().asHttpHeaders()), received)))
                .onErrorMap(DataBufferLimitException.class, tooLarge -> new RegistryException(
                        "response from " + uri.getHost() + " exceeds " + properties.maxDocumentSize() + " bytes"));
    }

    /** Maps a non-2xx response to the exception a caller can act on. */
    RegistryException failure(Response response, String what) {
        String code = errorCode(response);
        String description = describe(response);
        if (response.status() == 404 || "MANIFEST_UNKNOWN".equals(code) || "BLOB_UNKNOWN".equals(code) || "NAME_UNKNOWN".equals(code)) {
            return new RegistryNotFoundException(what + " not found (" + description + ")");
        }
        if (response.status() == 401 || response.status() == 403) {
            return new RegistryAccessDeniedException(what + " denied (" + description + ")");
        }
        if (RetryPolicy.transientStatus(response.status())) {
            return new RegistryUnavailableException(what + " failed (" + description + ")");
        }
        return new RegistryException(what + " failed (" + description + ")");
    }

    /** Status plus the registry's error code; never the body itself, which may echo anything. */
    String describe(Response response) {
        String code = errorCode(response);
        return code == null ? String.valueOf(response.status()) : response.status() + " " + code;
    }

    private String errorCode(Response response) {
        if (response.ok() || response.body().length == 0) {
            return null;
        }
        try {
            String code = json.readTree(response.body()).path("errors").path(0).path("code").asString("");
            return ERROR_CODE.matcher(code).matches() ? code : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(lower(a.getScheme()), lower(b.getScheme())) && Objects.equals(lower(a.getHost()), lower(b.getHost()))
                && effectivePort(a) == effectivePort(b);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** A GitHub token may cross the wire in the clear only to this machine. */
    private static boolean mayCarryCredentials(URI realm) {
        if ("https".equalsIgnoreCase(realm.getScheme())) {
            return true;
        }
        try {
            return realm.getHost() != null && InetAddress.getByName(realm.getHost()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

}
