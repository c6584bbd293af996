package dev.ghcrdashboard.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The seed of a simulated GitHub: users and their tokens, orgs, and packages with the images pushed to
 * them. Immutable; every {@link Simulator} started from it builds its own state. The YAML format is
 * described in {@code docs/simulator.md}.
 */
public final class Scenario {

    static final Set<String> VISIBILITIES = Set.of("public", "private", "internal");
    static final Set<String> FORMATS = Set.of("oci", "docker");
    static final Set<String> ROLES = Set.of("read", "write", "admin");

    record TokenSpec(String value, List<String> scopes) {
    }

    record UserSpec(long id, String login, String name, String email, List<TokenSpec> tokens) {
    }

    record OrgSpec(long id, String login, String description, Map<String, String> members, Map<String, List<String>> teams) {
    }

    record RepoSpec(String fullName, boolean isPrivate) {
    }

    /**
     * One image pushed to a package.
     *
     * @param format {@code oci} or {@code docker} (Docker v2 manifest / manifest list media types)
     * @param referrersTag whether the OCI 1.1 referrer also gets its {@code sha256-<hex>} tag index
     * @param sharedPlatforms the platforms taken from the index named by {@code sharePlatformsWith} (empty: all of them)
     */
    record ImageSpec(List<String> tags, Instant created, String format, String platform, List<String> platforms,
            boolean attestations, Map<String, String> annotations, Map<String, String> labels, boolean signature,
            boolean cosignAttestation, boolean referrer, boolean referrersTag, boolean nested, String sharePlatformsWith,
            List<String> sharedPlatforms, int layers, int layerSize) {
    }

    record GenerateSpec(int images, int platforms, boolean attestations) {
    }

    /** @param access package roles granted by login ({@code read|write|admin}), as on GitHub's "Manage access" */
    record PackageSpec(String owner, String name, String visibility, RepoSpec repository, Map<String, String> access,
            long downloads, Instant created, List<ImageSpec> images, GenerateSpec generate) {
    }

    private final String clientId;
    private final String clientSecret;
    private final List<UserSpec> users;
    private final List<OrgSpec> orgs;
    private final List<PackageSpec> packages;

    private Scenario(String clientId, String clientSecret, List<UserSpec> users, List<OrgSpec> orgs, List<PackageSpec> packages) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.users = List.copyOf(users);
        this.orgs = List.copyOf(orgs);
        this.packages = List.copyOf(packages);
    }

    public static Scenario load(Path yaml) {
        try (InputStream in = Files.newInputStream(yaml)) {
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario " + yaml, e);
        }
    }

    public static Scenario load(InputStream yaml) {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        if (!(root instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("a scenario is a YAML mapping");
        }
        return parse(map);
    }

    /** Loads {@code classpath:…} resources or files, as {@code --scenario=} accepts them. */
    public static Scenario load(String location) {
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length()).replaceFirst("^/", "");
            try (InputStream in = Scenario.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalArgumentException("no scenario on the classpath at " + resource);
                }
                return load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return load(Path.of(location));
    }

    /** The bundled demo world ({@code scenarios/demo.yml}). */
    public static Scenario demo() {
        return load("classpath:scenarios/demo.yml");
    }

    /** The OAuth App client id the authorize and token endpoints accept. */
    public String clientId() {
        return clientId;
    }

    public String clientSecret() {
        return clientSecret;
    }

    List<UserSpec> users() {
        return users;
    }

    List<OrgSpec> orgs() {
        return orgs;
    }

    List<PackageSpec> packages() {
        return packages;
    }

    private static Scenario parse(Map<?, ?> root) {
        Map<?, ?> oauth = map(root.get("oauth"));
        String clientId = string(oauth.get("client-id"), "demo-client");
        String clientSecret = string(oauth.get("client-secret"), "demo-secret");
        List<UserSpec> users = new ArrayList<>();
        long nextId = 1;
        for (Object item : list(root.get("users"))) {
            Map<?, ?> user = map(item);
            String login = required(user, "login", "user");
            List<TokenSpec> tokens = new ArrayList<>();
            for (Object token : list(user.get("tokens"))) {
                Map<?, ?> spec = map(token);
                tokens.add(new TokenSpec(required(spec, "token", "token of " + login), strings(spec.get("scopes"))));
            }
            long id = number(user.get("id"), nextId);
            nextId = id + 1;
            users.add(new UserSpec(id, login, string(user.get("name"), null), string(user.get("email"), null), tokens));
        }
        List<OrgSpec> orgs = new ArrayList<>();
        long nextOrgId = 1000;
        for (Object item : list(root.get("orgs"))) {
            Map<?, ?> org = map(item);
            String login = required(org, "login", "org");
            Map<String, String> members = new LinkedHashMap<>();
            map(org.get("members")).forEach((member, role) -> {
                String value = String.valueOf(role);
                if (!value.equals("admin") && !value.equals("member")) {
                    throw new IllegalArgumentException("role of " + member + " in " + login + " must be admin or member");
                }
                members.put(String.valueOf(member), value);
            });
            Map<String, List<String>> teams = new LinkedHashMap<>();
            map(org.get("teams")).forEach((slug, teamMembers) -> {
                List<String> logins = strings(teamMembers);
                logins.stream().filter(member -> !members.containsKey(member)).findFirst().ifPresent(stranger -> {
                    throw new IllegalArgumentException("team " + login + "/" + slug + " lists " + stranger + ", who is not a member of " + login);
                });
                teams.put(String.valueOf(slug), List.copyOf(logins));
            });
            long id = number(org.get("id"), nextOrgId);
            nextOrgId = id + 1;
            orgs.add(new OrgSpec(id, login, string(org.get("description"), null), members, teams));
        }
        List<PackageSpec> packages = new ArrayList<>();
        for (Object item : list(root.get("packages"))) {
            packages.add(parsePackage(map(item)));
        }
        return new Scenario(clientId, clientSecret, users, orgs, packages);
    }

    private static PackageSpec parsePackage(Map<?, ?> spec) {
        String owner = required(spec, "owner", "package");
        String name = required(spec, "name", "package of " + owner);
        String visibility = string(spec.get("visibility"), "private");
        if (!VISIBILITIES.contains(visibility)) {
            throw new IllegalArgumentException("visibility of " + owner + "/" + name + " must be one of " + VISIBILITIES);
        }
        RepoSpec repository = null;
        Object repo = spec.get("repository");
        if (repo instanceof String fullName) {
            repository = new RepoSpec(fullName, false);
        } else if (repo instanceof Map<?, ?> repoMap) {
            repository = new RepoSpec(required(repoMap, "full-name", "repository"), bool(repoMap.get("private"), false));
        }
        Instant created = instant(spec.get("created"), Instant.parse("2025-01-01T00:00:00Z"));
        List<ImageSpec> images = new ArrayList<>();
        for (Object item : list(spec.get("images"))) {
            images.add(parseImage(map(item), created.plusSeconds(86_400L * (images.size() + 1))));
        }
        GenerateSpec generate = null;
        if (spec.get("generate") != null) {
            Map<?, ?> gen = map(spec.get("generate"));
            generate = new GenerateSpec((int) number(gen.get("images"), 1), (int) number(gen.get("platforms"), 2),
                    bool(gen.get("attestations"), true));
        }
        Map<String, String> access = stringMap(spec.get("access"));
        access.forEach((login, role) -> {
            if (!ROLES.contains(role)) {
                throw new IllegalArgumentException("access of " + login + " to " + owner + "/" + name + " must be one of " + ROLES);
            }
        });
        return new PackageSpec(owner, name, visibility, repository, access, number(spec.get("downloads"), 0), created, images,
                generate);
    }

    private static ImageSpec parseImage(Map<?, ?> spec, Instant defaultCreated) {
        String format = string(spec.get("format"), "oci");
        if (!FORMATS.contains(format)) {
            throw new IllegalArgumentException("format of an image must be one of " + FORMATS + ", not " + format);
        }
        String sharePlatformsWith = string(spec.get("share-platforms-with"), null);
        List<String> sharedPlatforms = strings(spec.get("shared-platforms"));
        if (!sharedPlatforms.isEmpty() && sharePlatformsWith == null) {
            throw new IllegalArgumentException("shared-platforms needs share-platforms-with");
        }
        return new ImageSpec(
                strings(spec.get("tags")),
                instant(spec.get("created"), defaultCreated),
                format,
                string(spec.get("platform"), "linux/amd64"),
                strings(spec.get("platforms")),
                bool(spec.get("attestations"), false),
                stringMap(spec.get("annotations")),
                stringMap(spec.get("labels")),
                bool(spec.get("signature"), false),
                bool(spec.get("attestation"), false),
                bool(spec.get("referrer"), false),
                bool(spec.get("referrers-tag"), true),
                bool(spec.get("nested"), false),
                sharePlatformsWith,
                sharedPlatforms,
                (int) number(spec.get("layers"), 2),
                (int) number(spec.get("layer-size"), 4096));
    }

    private static Map<?, ?> map(Object value) {
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw new IllegalArgumentException("expected a mapping but found: " + value);
    }

    private static List<?> list(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list;
        }
        throw new IllegalArgumentException("expected a list but found: " + value);
    }

    private static List<String> strings(Object value) {
        if (value instanceof String single) {
            return List.of(single);
        }
        return list(value).stream().map(String::valueOf).toList();
    }

    private static Map<String, String> stringMap(Object value) {
        Map<String, String> result = new LinkedHashMap<>();
        map(value).forEach((key, item) -> result.put(String.valueOf(key), String.valueOf(item)));
        return result;
    }

    private static String required(Map<?, ?> map, String key, String what) {
        Object value = map.get(key);
        if (value == null) {
            throw new IllegalArgumentException(what + " needs '" + key + "'");
        }
        return String.valueOf(value);
    }

    private static String string(Object value, String fallback) {
        return value == null ? fallback : String.valueOf(value);
    }

    private static long number(Object value, long fallback) {
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        return Long.parseLong(String.valueOf(value).replace("_", ""));
    }

    private static boolean bool(Object value, boolean fallback) {
        return value == null ? fallback : Boolean.parseBoolean(String.valueOf(value));
    }

    private static Instant instant(Object value, Instant fallback) {
        if (value == null) {
            return fallback;
        }
        if (value instanceof Date date) {
            return date.toInstant();
        }
        String text = String.valueOf(value);
        if (text.length() == 10) {
            return OffsetDateTime.parse(text + "T00:00:00Z").withOffsetSameInstant(ZoneOffset.UTC).toInstant();
        }
        return OffsetDateTime.parse(text).toInstant();
    }
}
