package dev.ghcrdashboard.github;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.ghcrdashboard.caching.CacheStatistics;

/**
 * Blocking client for the GitHub REST calls the dashboard needs: who is signed in, their orgs,
 * container packages and their versions, delete and restore. Lists are complete (all pages);
 * pages after the first are fetched concurrently when GitHub says how many there are.
 *
 * <p>Every method throws a {@link GitHubException} subclass when GitHub refuses or fails; the
 * messages are fit for people and never contain the token. Repeated reads are conditional
 * ({@code If-None-Match}), so unchanged data costs no rate limit.
 *
 * <p>Methods block until GitHub has answered (including any retries and secondary-limit waits,
 * bounded by {@link GitHubProperties#maxSecondaryWait()}); call them from request or job threads,
 * never from a reactive pipeline.
 */
@Component
public class GitHubClient implements MeterBinder {

    /**
     * GitHub refuses to page its package lists past this many items ({@code per_page × page}); version lists
     * page on (docs/ghcr-platform.md, "REST lists").
     */
    private static final int LISTING_LIMIT = 10_000;
    /** A runaway {@code next} chain ends here: 10,000 pages of 100 are a million items. */
    private static final int MAX_PAGES = 10_000;
    private static final int PER_PAGE = 100;
    private static final int GITHUB_DEFAULT_PER_PAGE = 30;

    private final GitHubTransport transport;
    private final GitHubProperties properties;
    private final GitHubRequestStats stats;
    /** Login behind each token; decides between {@code /user/…} and {@code /users/{login}/…}. */
    private final Cache<TokenKey, String> viewerLogins;

    @Autowired
    public GitHubClient(WebClient.Builder webClientBuilder, GitHubProperties properties, GitHubRequestStats stats,
            CacheStatistics caches, Clock clock) {
        this(webClientBuilder, properties, stats, caches, Pauses.REAL, clock, JsonMapper.shared());
    }

    GitHubClient(WebClient.Builder webClientBuilder, GitHubProperties properties, GitHubRequestStats stats,
            CacheStatistics caches, Pauses pauses, Clock clock, JsonMapper json) {
        this.transport = new GitHubTransport(webClientBuilder, properties, stats, caches, pauses, clock, json);
        this.properties = properties;
        this.stats = stats;
        this.viewerLogins = caches.register("github.viewer-logins", Caffeine.newBuilder()
                // A token's login never changes; the bound keeps tokens nobody uses any more from piling up.
                .maximumSize(10_000)
                .recordStats()
                .build());
    }

    /**
     * {@code ghcr.github.rate.remaining{token_class}}: the least primary budget left among tokens of each class
     * in their current window (the person closest to being refused); the class is read from the token's
     * prefix, never the token.
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        for (String tokenClass : TokenKey.CLASSES) {
            Gauge.builder("ghcr.github.rate.remaining", transport, t -> t.lowestRemaining(tokenClass))
                    .description("Least GitHub primary rate budget left among tokens of this class, in their current window")
                    .tag("token_class", tokenClass)
                    .register(registry);
        }
    }

    /** The signed-in user, with the scopes the token really carries. */
    public GitHubUser currentUser(AccessToken token) {
        GitHubResponse response = get(uri("/user"), token, "Your GitHub account");
        JsonNode user = parse(response);
        GitHubUser current = new GitHubUser(user.path("id").asLong(), text(user, "login"), text(user, "name"),
                text(user, "avatar_url"), GitHubTransport.scopeList(response.oauthScopes()));
        viewerLogins.put(TokenKey.of(token), current.login());
        return current;
    }

    /** Organizations the signed-in user belongs to (those that granted the OAuth App access). */
    public List<Owner> organizations(AccessToken token) {
        return list(uri("/user/orgs?per_page=" + PER_PAGE), token, "Your organization list",
                org -> new Owner(text(org, "login"), OwnerType.ORGANIZATION, text(org, "avatar_url")));
    }

    /**
     * The organizations the signed-in user is an active member of, with their role in each. One listing
     * answers both "which organizations" and "which of them may this person administer" ({@code read:org}).
     */
    public List<OrgMembership> organizationMemberships(AccessToken token) {
        return list(uri("/user/memberships/orgs?state=active&per_page=" + PER_PAGE), token, "Your organization memberships",
                membership -> {
                    JsonNode org = membership.path("organization");
                    return new OrgMembership(new Owner(text(org, "login"), OwnerType.ORGANIZATION, text(org, "avatar_url")),
                            "admin".equals(text(membership, "role")));
                });
    }

    /**
     * Whether {@code login} is an active member of the team {@code org/teamSlug} ({@code read:org}). A team that
     * does not exist, or that this token may not see, has no members as far as the dashboard is concerned.
     */
    public boolean isActiveTeamMember(String org, String teamSlug, String login, AccessToken token) {
        try {
            JsonNode membership = parse(get(uri("/orgs/" + segment(org) + "/teams/" + segment(teamSlug) + "/memberships/"
                    + segment(login)), token, "Team " + org + "/" + teamSlug));
            return "active".equals(text(membership, "state"));
        } catch (GitHubNotFoundException notAMemberOrNoSuchTeam) {
            return false;
        }
    }

    /**
     * Any GitHub account by login, telling a user from an organization ({@code GET /users/{username}}, whose
     * {@code type} is {@code User} or {@code Organization}; docs/ghcr-platform.md §2.7). The login comes back
     * as GitHub spells it. Empty when GitHub knows no account by that name.
     */
    public Optional<Owner> account(String login, AccessToken token) {
        JsonNode account;
        try {
            account = parse(get(uri("/users/" + segment(login)), token, "The GitHub account " + login));
        } catch (GitHubNotFoundException noSuchAccount) {
            return Optional.empty();
        }
        OwnerType type = "Organization".equals(text(account, "type")) ? OwnerType.ORGANIZATION : OwnerType.USER;
        return Optional.of(new Owner(text(account, "login"), type, text(account, "avatar_url")));
    }

    /**
     * All container packages of an owner that the token can see. For a user owner who is the
     * signed-in user, this and every other per-package call uses GitHub's {@code /user/packages}
     * paths: the {@code /users/{login}} versions endpoints only serve public packages.
     */
    public List<ContainerPackage> packages(Owner owner, AccessToken token) {
        return list(uri(ownerPath(owner, token) + "/packages?package_type=container&per_page=" + PER_PAGE), token,
                "Packages of " + owner.login(), pkg -> toPackage(pkg, owner));
    }

    /** The package as GitHub describes it now: asked every time (conditionally, so a 304 costs no rate limit). */
    public ContainerPackage containerPackage(Owner owner, String name, AccessToken token) {
        return toPackage(parse(get(uri(packagePath(owner, name, token)), token, subject(owner, name))), owner);
    }

    /**
     * The package as GitHub last described it to this token, while GitHub says that answer is fresh (its
     * {@code Cache-Control: max-age}, a minute), and never after a change made through this client; else asked
     * as {@link #containerPackage} does. For pages that show the package, not for checks that a change happened.
     */
    public ContainerPackage recentContainerPackage(Owner owner, String name, AccessToken token) {
        GitHubResponse answer = transport.exchange(new GitHubTransport.Call(HttpMethod.GET, uri(packagePath(owner, name, token)),
                token, subject(owner, name), true)).block();
        return toPackage(parse(answer), owner);
    }

    /** All versions in the given state (per_page=100, every page). */
    public List<PackageVersion> versions(Owner owner, String name, VersionState state, AccessToken token) {
        return versions(owner, name, state, token, null);
    }

    /**
     * All versions, as {@link #versions(Owner, String, VersionState, AccessToken)}; when there is more
     * than one page, {@code newestFirst} receives the first page (the newest versions) as soon as it
     * arrives, so a page can show them while the other pages are fetched.
     */
    public List<PackageVersion> versions(Owner owner, String name, VersionState state, AccessToken token,
                                         Consumer<List<PackageVersion>> newestFirst) {
        String versions = packagePath(owner, name, token) + "/versions";
        // GitHub documents no query parameters for another user's (public) package versions: ask
        // plainly there and let its Link header drive the paging.
        String query = !versions.startsWith("/users/") ? "?state=" + state.apiValue() + "&per_page=" + PER_PAGE
                : state == VersionState.ACTIVE ? "" : "?state=" + state.apiValue();
        URI first = uri(versions + query);
        return list(first, token, subject(owner, name), GitHubClient::toVersion, newestFirst, false);
    }

    /**
     * The newest active versions only: the first page of the listing (up to 100). Finding a version that was just
     * pushed then costs one request, not one per page of a large package.
     */
    public List<PackageVersion> newestVersions(Owner owner, String name, AccessToken token) {
        String versions = packagePath(owner, name, token) + "/versions";
        String query = !versions.startsWith("/users/") ? "?state=" + VersionState.ACTIVE.apiValue() + "&per_page=" + PER_PAGE : "";
        return items(fetchPage(uri(versions + query), token, subject(owner, name)).block()).stream().map(GitHubClient::toVersion).toList();
    }

    /**
     * Deletes one version. Throws {@link GitHubNotFoundException} when GitHub answers 404 at once;
     * after a retried attempt a 404 means the first attempt went through and is not an error.
     */
    public void deleteVersion(Owner owner, String name, long versionId, AccessToken token) {
        send(HttpMethod.DELETE, packagePath(owner, name, token) + "/versions/" + versionId, token,
                "Version " + versionId + " of " + subject(owner, name));
    }

    public void restoreVersion(Owner owner, String name, long versionId, AccessToken token) {
        send(HttpMethod.POST, packagePath(owner, name, token) + "/versions/" + versionId + "/restore", token,
                "Deleted version " + versionId + " of " + subject(owner, name));
    }

    public void deletePackage(Owner owner, String name, AccessToken token) {
        send(HttpMethod.DELETE, packagePath(owner, name, token), token, subject(owner, name));
    }

    public void restorePackage(Owner owner, String name, AccessToken token) {
        send(HttpMethod.POST, packagePath(owner, name, token) + "/restore", token, "Deleted " + subject(owner, name));
    }

    /** The rate budget from the latest answer GitHub gave this token, if any call was made yet. */
    public Optional<RateBudget> lastKnownBudget(AccessToken token) {
        return transport.lastKnownBudget(token);
    }

    /** Asks GitHub for the core budget ({@code GET /rate_limit} itself costs nothing). */
    public RateBudget rateLimit(AccessToken token) {
        JsonNode core = parse(get(uri("/rate_limit"), token, "The rate limit status")).path("resources").path("core");
        RateBudget budget = new RateBudget(core.path("limit").asInt(), core.path("remaining").asInt(),
                core.path("used").asInt(), Instant.ofEpochSecond(core.path("reset").asLong()), "core");
        transport.recordBudget(token, budget);
        return budget;
    }

    /** Counts of fresh and 304 answers, retries and rate-limit waits. */
    public GitHubRequestStats requestStats() {
        return stats;
    }

    private GitHubResponse get(URI uri, AccessToken token, String subject) {
        return transport.exchange(new GitHubTransport.Call(HttpMethod.GET, uri, token, subject)).block();
    }

    private void send(HttpMethod method, String path, AccessToken token, String subject) {
        transport.exchange(new GitHubTransport.Call(method, uri(path), token, subject)).block();
    }

    /**
     * Every item of a paginated list, in GitHub's order. When the first page names the last page,
     * the remaining pages are fetched concurrently from the {@code last} URL with {@code page}
     * substituted; otherwise {@code next} links are followed one by one, verbatim.
     */
    private <T> List<T> list(URI first, AccessToken token, String subject, Function<JsonNode, T> mapper) {
        return list(first, token, subject, mapper, null, true);
    }

    /**
     * @param capped whether GitHub refuses this list past {@value #LISTING_LIMIT} items, so that a longer one is
     *     refused up front instead of after pages that cannot be completed
     */
    private <T> List<T> list(URI first, AccessToken token, String subject, Function<JsonNode, T> mapper,
                             Consumer<List<T>> firstPage, boolean capped) {
        Mono<List<T>> all = fetchPage(first, token, subject).flatMap(page -> {
            LinkHeader links = LinkHeader.parse(page.link());
            if (firstPage != null && links.next().isPresent()) {
                firstPage.accept(items(page).stream().map(mapper).toList());
            }
            Optional<Integer> lastPage = links.last().flatMap(LinkHeader::page);
            Flux<GitHubResponse> rest;
            if (links.next().isPresent() && lastPage.isPresent()) {
                URI last = links.last().get();
                int perPage = LinkHeader.perPage(last).orElse(GITHUB_DEFAULT_PER_PAGE);
                if (capped && (long) perPage * lastPage.get() > LISTING_LIMIT) {
                    return Mono.error(tooManyItems(subject));
                }
                rest = Flux.range(2, Math.max(0, lastPage.get() - 1))
                        .flatMapSequential(n -> fetchPage(LinkHeader.withPage(last, n), token, subject),
                                properties.pageConcurrency());
            }
            else {
                rest = Mono.just(page).expand(previous -> LinkHeader.parse(previous.link()).next()
                                .map(next -> fetchPage(next, token, subject))
                                .orElseGet(Mono::empty))
                        .skip(1)
                        .take(MAX_PAGES);
            }
            return Flux.concat(Mono.just(page), rest)
                    .concatMapIterable(this::items)
                    .map(mapper)
                    .collectList();
        }).onErrorMap(GitHubRejectedException.class, e -> beyondListingLimit(e) ? tooManyItems(subject) : e);
        return all.block();
    }

    private Mono<GitHubResponse> fetchPage(URI uri, AccessToken token, String subject) {
        return transport.exchange(new GitHubTransport.Call(HttpMethod.GET, uri, token, subject));
    }

    private static boolean beyondListingLimit(GitHubRejectedException e) {
        return e.status() == 400 && e.githubMessage() != null && e.githubMessage().contains("10000");
    }

    private static GitHubRejectedException tooManyItems(String subject) {
        return new GitHubRejectedException(400, "per_page * page cannot be greater than 10000",
                subject + " has more than 10,000 entries; GitHub's API cannot list that many.");
    }

    private List<JsonNode> items(GitHubResponse page) {
        JsonNode root = parse(page);
        if (!root.isArray()) {
            throw unexpected(null);
        }
        List<JsonNode> items = new ArrayList<>(root.size());
        root.forEach(items::add);
        return items;
    }

    private JsonNode parse(GitHubResponse response) {
        try {
            return transport.json().readTree(response.body());
        }
        catch (JacksonException e) {
            throw unexpected(e);
        }
    }

    private static GitHubUnavailableException unexpected(Throwable cause) {
        return new GitHubUnavailableException("GitHub sent an answer the dashboard does not understand.", 200, cause);
    }

    private URI uri(String pathAndQuery) {
        String base = properties.apiUrl().toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + pathAndQuery);
    }

    private String ownerPath(Owner owner, AccessToken token) {
        if (owner.type() == OwnerType.ORGANIZATION) {
            return "/orgs/" + segment(owner.login());
        }
        return owner.login().equalsIgnoreCase(viewerLogin(token)) ? "/user" : "/users/" + segment(owner.login());
    }

    /** A nested name ({@code tools/cli}) is one path segment: its slash travels as {@code %2F}. */
    private String packagePath(Owner owner, String name, AccessToken token) {
        return ownerPath(owner, token) + "/packages/container/" + segment(name);
    }

    private String viewerLogin(AccessToken token) {
        String known = viewerLogins.getIfPresent(TokenKey.of(token));
        return known != null ? known : currentUser(token).login();
    }

    private static String segment(String value) {
        return UriUtils.encodePathSegment(value, StandardCharsets.UTF_8);
    }

    private static String subject(Owner owner, String name) {
        return "Package " + owner.login() + "/" + name;
    }

    private static ContainerPackage toPackage(JsonNode pkg, Owner requested) {
        JsonNode ownerNode = pkg.path("owner");
        Owner owner = ownerNode.isObject()
                ? new Owner(text(ownerNode, "login"),
                        "Organization".equals(text(ownerNode, "type")) ? OwnerType.ORGANIZATION : OwnerType.USER,
                        text(ownerNode, "avatar_url"))
                : requested;
        JsonNode repository = pkg.path("repository");
        return new ContainerPackage(pkg.path("id").asLong(), text(pkg, "name"), owner, visibility(text(pkg, "visibility")),
                repository.isObject() ? text(repository, "full_name") : null,
                repository.isObject() && repository.path("private").isBoolean() ? repository.path("private").asBoolean() : null,
                pkg.path("version_count").asInt(), instant(pkg, "created_at"), instant(pkg, "updated_at"),
                text(pkg, "html_url"));
    }

    private static PackageVersion toVersion(JsonNode version) {
        List<String> tags = new ArrayList<>();
        version.path("metadata").path("container").path("tags").forEach(tag -> tags.add(tag.asString()));
        return new PackageVersion(version.path("id").asLong(), text(version, "name"), tags,
                instant(version, "created_at"), instant(version, "updated_at"), instant(version, "deleted_at"),
                text(version, "html_url"));
    }

    private static Visibility visibility(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Visibility.fromApi(value);
        }
        catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }

    private static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        return value == null ? null : Instant.parse(value);
    }
}
