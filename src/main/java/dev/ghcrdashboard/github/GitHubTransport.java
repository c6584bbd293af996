package dev.ghcrdashboard.github;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.ghcrdashboard.caching.CacheStatistics;

/**
 * One GitHub REST call with everything GitHub expects around it: the standard headers, conditional
 * requests, rate-limit bookkeeping, waiting out secondary limits and retrying server errors (both
 * by the {@link RetryPolicy}), and turning refusals into {@link GitHubException}s. Never logs or
 * reports the token.
 */
final class GitHubTransport {

    private static final Logger log = LoggerFactory.getLogger(GitHubTransport.class);

    private static final byte[] NO_BODY = new byte[0];
    /** The part of a path that names one package, whatever follows it ({@code /versions/…}, {@code /restore}). */
    private static final Pattern PACKAGE_PATH = Pattern.compile("/packages/container/[^/?]+");
    private static final Pattern SCOPE = Pattern.compile("\\b((?:read|write|delete|admin):[a-z_]+)\\b");
    /** Classic scopes that include others; GitHub accepts the wider one where the narrower is asked for. */
    private static final Map<String, Set<String>> IMPLIED = Map.of(
            "write:packages", Set.of("read:packages"),
            "admin:org", Set.of("write:org", "read:org"),
            "write:org", Set.of("read:org"));

    /**
     * What to call and, for messages, what it is about ("Package acme/tools/cli").
     *
     * @param reuseFresh whether an earlier answer GitHub said is still fresh may stand in for this GET, no request sent
     */
    record Call(HttpMethod method, URI uri, AccessToken token, String subject, boolean reuseFresh) {

        Call(HttpMethod method, URI uri, AccessToken token, String subject) {
            this(method, uri, token, subject, false);
        }
    }

    /** What came back from one attempt: an answer, or a transport failure (timeout, connection). */
    private record Attempt(int status, HttpHeaders headers, byte[] body, Throwable failure) {
    }

    /** What one call's attempts learned; they run one after another, never concurrently. */
    private static final class Progress {
        /** An attempt failed in a way that may have reached GitHub (a 5xx, or no answer). */
        boolean mayHaveGoneThrough;
        int secondaryHits;
    }

    /** A failed attempt the retry policy may repeat, and what the call fails with if it does not. */
    private static final class Trouble extends RetryPolicy.Retryable {

        private static final long serialVersionUID = 1L;

        private final GitHubException whenGivenUp;

        Trouble(String message, Throwable cause, GitHubException whenGivenUp) {
            super(message, cause);
            this.whenGivenUp = whenGivenUp;
        }

        Trouble(String message, Duration serverWait, GitHubException whenGivenUp) {
            super(message, serverWait);
            this.whenGivenUp = whenGivenUp;
        }
    }

    private final WebClient web;
    private final GitHubProperties properties;
    private final GitHubRequestStats stats;
    private final RetryPolicy retryPolicy;
    private final Clock clock;
    private final JsonMapper json;
    private final Cache<ConditionalCache.Key, ConditionalCache.Entry> cache;
    private final RateBudgets budgets;

    GitHubTransport(WebClient.Builder builder, GitHubProperties properties, GitHubRequestStats stats,
            CacheStatistics caches, Pauses pauses, Clock clock, JsonMapper json) {
        this.web = builder.clone()
                .defaultHeader(HttpHeaders.ACCEPT, "application/vnd.github+json")
                .defaultHeader("X-GitHub-Api-Version", "2022-11-28")
                .defaultHeader(HttpHeaders.USER_AGENT, "ghcr-dashboard")
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(properties.maxResponseSize()))
                .build();
        this.properties = properties;
        this.stats = stats;
        this.retryPolicy = new RetryPolicy(properties.retries(), properties.retryBackoff(), properties.maxSecondaryWait(),
                pauses);
        this.clock = clock;
        this.json = json;
        this.cache = ConditionalCache.create(properties.conditionalCacheBytes(), caches);
        this.budgets = new RateBudgets(caches);
    }

    JsonMapper json() {
        return json;
    }

    Optional<RateBudget> lastKnownBudget(AccessToken token) {
        return budgets.latest(TokenKey.of(token));
    }

    /** See {@link RateBudgets#lowestRemaining}. */
    double lowestRemaining(String tokenClass) {
        return budgets.lowestRemaining(tokenClass, clock.instant());
    }

    void recordBudget(AccessToken token, RateBudget budget) {
        budgets.record(TokenKey.of(token), budget);
    }

    /**
     * Performs the call, retrying it as the {@link RetryPolicy} says. Emits the answer (2xx, or a 304
     * replaced by the cached body), or a {@link GitHubException}. A 404 to a DELETE that was retried
     * after a failure counts as success: the first attempt most likely went through.
     */
    Mono<GitHubResponse> exchange(Call call) {
        return Mono.defer(() -> {
            if (!sameOrigin(call.uri(), properties.apiUrl())) {
                // A pagination link elsewhere would carry the bearer token to a foreign host.
                return Mono.error(new GitHubUnavailableException(
                        "GitHub sent a link to an unexpected address; the request was not sent.", 0, null));
            }
            if (call.reuseFresh() && call.method() == HttpMethod.GET) {
                ConditionalCache.Entry cached = cache.getIfPresent(cacheKey(call));
                if (cached != null && cached.freshAt(clock.instant())) {
                    stats.reusedFresh();
                    return Mono.just(new GitHubResponse(200, cached.body(), cached.link(), cached.oauthScopes(), true));
                }
            }
            Progress progress = new Progress();
            return Mono.defer(() -> attempt(call, progress))
                    .retryWhen(retryPolicy.retry((failure, wait) -> {
                        if (failure.serverWait().isPresent()) {
                            stats.rateLimitWait();
                        }
                        else {
                            stats.retry();
                        }
                    }))
                    .onErrorMap(Trouble.class, trouble -> trouble.whenGivenUp);
        }).onErrorMap(failure -> !(failure instanceof GitHubException), GitHubTransport::unexpected);
    }

    private static GitHubException unexpected(Throwable failure) {
        if (failure instanceof DataBufferLimitException) {
            return new GitHubUnavailableException("GitHub sent an answer larger than the configured limit "
                    + "(ghcr-dashboard.github.max-response-size).", 200, failure);
        }
        return new GitHubUnavailableException("Talking to GitHub failed unexpectedly. Please try again later.", 0, failure);
    }

    private Mono<GitHubResponse> attempt(Call call, Progress progress) {
        TokenKey tokenKey = TokenKey.of(call.token());
        ConditionalCache.Key cacheKey = call.method() == HttpMethod.GET ? cacheKey(call) : null;
        ConditionalCache.Entry cached = cacheKey == null ? null : cache.getIfPresent(cacheKey);
        return web.method(call.method())
                .uri(call.uri())
                .headers(headers -> {
                    headers.setBearerAuth(call.token().value());
                    if (cached != null) {
                        headers.set(HttpHeaders.IF_NONE_MATCH, cached.etag());
                    }
                })
                .exchangeToMono(response -> response.bodyToMono(byte[].class)
                        .defaultIfEmpty(NO_BODY)
                        .map(body -> new Attempt(response.statusCode().value(), response.headers().asHttpHeaders(), body, null)))
                .timeout(properties.requestTimeout())
                .onErrorResume(RetryPolicy::noAnswer,
                        failure -> Mono.just(new Attempt(0, HttpHeaders.EMPTY, NO_BODY, failure)))
                .flatMap(answer -> judge(call, progress, tokenKey, cacheKey, cached, answer));
    }

    /** Where a GET's answer is kept: per token (by its hash) and URL. */
    private static ConditionalCache.Key cacheKey(Call call) {
        return new ConditionalCache.Key(TokenKey.of(call.token()), call.uri().toString());
    }

    private Mono<GitHubResponse> judge(Call call, Progress progress, TokenKey tokenKey, ConditionalCache.Key cacheKey,
            ConditionalCache.Entry cached, Attempt answer) {
        if (answer.failure() != null) {
            stats.failed();
            stats.answered(call.method().name(), call.uri().getRawPath(), 0);
            return serverTrouble(call, progress, answer);
        }
        RateBudgets.fromHeaders(answer.headers()).ifPresent(budget -> budgets.record(tokenKey, budget));
        int status = answer.status();
        stats.answered(call.method().name(), call.uri().getRawPath(), status);
        log.debug("GitHub {} {} -> {}", call.method(), pathOf(call.uri()), status);
        String link = answer.headers().getFirst(HttpHeaders.LINK);
        String scopes = answer.headers().getFirst("X-OAuth-Scopes");
        if (status == 304 && cached != null) {
            stats.notModified();
            cache.put(cacheKey, cached.confirmedUntil(ConditionalCache.freshUntil(answer.headers(), clock.instant())));
            return Mono.just(new GitHubResponse(200, cached.body(), link != null ? link : cached.link(),
                    scopes != null ? scopes : cached.oauthScopes(), true));
        }
        if (status >= 200 && status < 300) {
            stats.fresh();
            String etag = answer.headers().getETag();
            if (cacheKey == null || cached != null) {
                // A change went through, or GitHub answered a conditional read with something new.
                endFreshness(call.uri());
            }
            if (cacheKey != null && etag != null) {
                cache.put(cacheKey, ConditionalCache.Entry.of(etag, answer.body(), link, scopes,
                        ConditionalCache.freshUntil(answer.headers(), clock.instant())));
            }
            return Mono.just(new GitHubResponse(status, answer.body(), link, scopes, false));
        }
        stats.failed();
        if (status == 401) {
            return Mono.error(new GitHubUnauthorizedException());
        }
        if (status == 403 || status == 429) {
            return limitedOrForbidden(call, progress, answer);
        }
        if (status == 404) {
            if (call.method() == HttpMethod.DELETE && progress.mayHaveGoneThrough) {
                log.info("GitHub DELETE {} answered 404 after a retry; the first attempt went through", pathOf(call.uri()));
                return Mono.just(new GitHubResponse(404, NO_BODY, null, null, false));
            }
            return Mono.error(new GitHubNotFoundException(call.subject()));
        }
        if (RetryPolicy.transientStatus(status)) {
            return serverTrouble(call, progress, answer);
        }
        String message = githubMessage(answer.body(), call.token());
        return Mono.error(new GitHubRejectedException(status, message != null ? message : "HTTP " + status));
    }

    /**
     * The dashboard changed a package, or saw that it changed: no stored answer for that package object is reused
     * unasked any more, whoever's token fetched it, so the next view of it asks GitHub. Matched by the path's tail,
     * as one package is read by different paths ({@code /user/…}, {@code /users/{login}/…}). Only package objects
     * are ever reused unasked ({@link GitHubClient#recentContainerPackage}), so only they are looked at.
     */
    private void endFreshness(URI changed) {
        Matcher pkg = PACKAGE_PATH.matcher(changed.getRawPath());
        if (!pkg.find()) {
            return;
        }
        String tail = pkg.group();
        Instant now = clock.instant();
        for (ConditionalCache.Key key : cache.asMap().keySet()) {
            if (key.uri().endsWith(tail)) {
                cache.asMap().computeIfPresent(key, (k, entry) -> entry.freshAt(now) ? entry.confirmedUntil(now) : entry);
            }
        }
    }

    private Mono<GitHubResponse> serverTrouble(Call call, Progress progress, Attempt answer) {
        progress.mayHaveGoneThrough = true;
        String what = answer.failure() == null ? "HTTP " + answer.status()
                : answer.failure() instanceof TimeoutException ? "no answer within " + properties.requestTimeout()
                : "connection failed";
        String message = answer.failure() == null
                ? "GitHub is having trouble right now (HTTP " + answer.status() + "). Please try again later."
                : "GitHub did not answer (" + what + "). Please try again later.";
        return Mono.error(new Trouble("GitHub " + call.method() + " " + pathOf(call.uri()) + " failed (" + what + ")",
                answer.failure(), new GitHubUnavailableException(message, answer.status(), answer.failure())));
    }

    private Mono<GitHubResponse> limitedOrForbidden(Call call, Progress progress, Attempt answer) {
        int status = answer.status();
        String message = githubMessage(answer.body(), call.token());
        Optional<Duration> retryAfter = retryAfter(answer.headers());
        Optional<RateBudget> budget = RateBudgets.fromHeaders(answer.headers());
        boolean primaryExhausted = budget.map(RateBudget::exhausted).orElse(false);
        boolean secondary = retryAfter.isPresent() || mentionsSecondaryLimit(message) || (status == 429 && !primaryExhausted);
        Instant now = clock.instant();
        if (secondary) {
            Duration wait = retryAfter.orElseGet(() -> primaryExhausted
                    ? untilReset(budget.get(), now)
                    : properties.secondaryBackoff().multipliedBy(1L << Math.min(progress.secondaryHits, 10)));
            progress.secondaryHits++;
            return Mono.error(new Trouble("GitHub " + call.method() + " " + pathOf(call.uri()) + ": secondary rate limit",
                    wait, new GitHubRateLimitedException(status, now.plus(wait), true)));
        }
        if (primaryExhausted) {
            return Mono.error(new GitHubRateLimitedException(status, budget.get().resetAt(), false));
        }
        Set<String> missing = missingScopes(answer.headers(), message);
        if (!missing.isEmpty()) {
            return Mono.error(new GitHubMissingScopeException(missing));
        }
        return Mono.error(new GitHubRejectedException(status, message != null ? message : "access denied (HTTP " + status + ")"));
    }

    private static boolean mentionsSecondaryLimit(String message) {
        if (message == null) {
            return false;
        }
        String lower = message.toLowerCase(Locale.ROOT);
        return lower.contains("secondary rate limit") || lower.contains("abuse detection");
    }

    private static Duration untilReset(RateBudget budget, Instant now) {
        Duration wait = Duration.between(now, budget.resetAt()).plusSeconds(1);
        return wait.isNegative() ? Duration.ofSeconds(1) : wait;
    }

    private Optional<Duration> retryAfter(HttpHeaders headers) {
        String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim()))));
        }
        catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(clock.instant(), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            }
            catch (DateTimeParseException unreadable) {
                return Optional.of(properties.secondaryBackoff());
            }
        }
    }

    private static Set<String> missingScopes(HttpHeaders headers, String message) {
        Set<String> granted = withImplied(scopeList(headers.getFirst("X-OAuth-Scopes")));
        Set<String> named = new LinkedHashSet<>();
        if (message != null) {
            Matcher matcher = SCOPE.matcher(message);
            while (matcher.find()) {
                named.add(matcher.group(1));
            }
        }
        Set<String> wanted = named.isEmpty() ? scopeList(headers.getFirst("X-Accepted-OAuth-Scopes")) : named;
        Set<String> missing = new LinkedHashSet<>(wanted);
        missing.removeAll(granted);
        return named.isEmpty() ? missing : (missing.isEmpty() ? named : missing);
    }

    static Set<String> scopeList(String header) {
        Set<String> scopes = new LinkedHashSet<>();
        if (header != null) {
            Arrays.stream(header.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(scopes::add);
        }
        return scopes;
    }

    private static Set<String> withImplied(Set<String> scopes) {
        Set<String> all = new LinkedHashSet<>(scopes);
        scopes.forEach(scope -> all.addAll(IMPLIED.getOrDefault(scope, Set.of())));
        return all;
    }

    /**
     * GitHub's own explanation from an error body ({@code message}, plus any {@code errors[].message}),
     * or {@code null} when the body is not GitHub's JSON error shape.
     */
    private String githubMessage(byte[] body, AccessToken token) {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode root = json.readTree(body);
            if (!root.isObject() || !root.path("message").isString()) {
                return null;
            }
            StringBuilder text = new StringBuilder(root.path("message").asString());
            for (JsonNode error : root.path("errors")) {
                if (error.path("message").isString()) {
                    text.append(" (").append(error.path("message").asString()).append(')');
                }
            }
            // GitHub has no reason to echo a token, but a message is shown to people: make sure.
            return text.toString().replace(token.value(), "***");
        }
        catch (JacksonException notJson) {
            return null;
        }
    }

    private static String pathOf(URI uri) {
        return uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    }
}
