package dev.ghcrdashboard.simulator;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import tools.jackson.databind.json.JsonMapper;

/**
 * Users, tokens, orgs, packages and blobs of one running simulator. Handlers take {@link #lock} around
 * every read-modify-write so concurrent requests see a consistent world.
 */
final class State {

    private static final String[] GENERATED_PLATFORMS = {"linux/amd64", "linux/arm64", "linux/arm/v7", "linux/386",
        "linux/ppc64le", "linux/s390x"};

    final ReentrantLock lock = new ReentrantLock();
    final Clock clock;
    final Map<String, Model.User> users = new LinkedHashMap<>();
    final Map<String, Model.TokenGrant> tokens = new ConcurrentHashMap<>();
    final Map<String, Model.Org> orgs = new LinkedHashMap<>();
    final Map<String, Model.Package> packages = new LinkedHashMap<>();
    final Map<String, byte[]> blobs = new HashMap<>();
    final String clientId;
    final String clientSecret;
    private final ImageFactory images;
    private final JsonMapper json;
    private long nextPackageId = 40_000_000;
    private long nextVersionId = 300_000_000;
    private long nextRepoId = 700_000_000;

    State(Scenario scenario, Clock clock, JsonMapper json) {
        this.clock = clock;
        this.clientId = scenario.clientId();
        this.clientSecret = scenario.clientSecret();
        this.json = json;
        this.images = new ImageFactory(json, blobs);
        for (Scenario.UserSpec spec : scenario.users()) {
            users.put(spec.login(), new Model.User(spec.id(), spec.login(), spec.name(), spec.email()));
            for (Scenario.TokenSpec token : spec.tokens()) {
                tokens.put(token.value(), new Model.TokenGrant(spec.login(), Set.copyOf(token.scopes())));
            }
        }
        for (Scenario.OrgSpec spec : scenario.orgs()) {
            for (String member : spec.members().keySet()) {
                if (!users.containsKey(member)) {
                    throw new IllegalArgumentException("org " + spec.login() + " lists unknown user " + member);
                }
            }
            orgs.put(spec.login(), new Model.Org(spec.id(), spec.login(), spec.description(), Map.copyOf(spec.members())));
        }
        for (Scenario.PackageSpec spec : scenario.packages()) {
            addPackage(spec);
        }
    }

    static String key(String owner, String name) {
        return owner + "/" + name;
    }

    // ---- who may do what ---------------------------------------------------------------------

    boolean isMember(String login, String org) {
        Model.Org found = orgs.get(org);
        return found != null && found.roles().containsKey(login);
    }

    /** Public packages are readable by anyone signed in; others by their owner or the owning org's members. */
    boolean canRead(String login, Model.Package pkg) {
        if (pkg.visibility.equals("public")) {
            return true;
        }
        return canAdminister(login, pkg) || (pkg.ownedByOrg && isMember(login, pkg.owner));
    }

    /** Deleting and restoring needs admin rights: the owner, or an admin of the owning org. */
    boolean canAdminister(String login, Model.Package pkg) {
        if (!pkg.ownedByOrg) {
            return pkg.owner.equals(login);
        }
        Model.Org org = orgs.get(pkg.owner);
        return org != null && "admin".equals(org.roles().get(login));
    }

    // ---- packages and versions ---------------------------------------------------------------

    Model.Package activePackage(String owner, String name) {
        Model.Package pkg = packages.get(key(owner, name));
        return pkg != null && pkg.active() ? pkg : null;
    }

    Model.Package anyPackage(String owner, String name) {
        return packages.get(key(owner, name));
    }

    List<Model.Package> packagesOf(String owner) {
        List<Model.Package> result = new ArrayList<>();
        for (Model.Package pkg : packages.values()) {
            if (pkg.owner.equals(owner) && pkg.active()) {
                result.add(pkg);
            }
        }
        result.sort(Comparator.comparing((Model.Package pkg) -> pkg.name));
        return result;
    }

    static List<Model.Version> versions(Model.Package pkg, boolean deleted) {
        List<Model.Version> result = new ArrayList<>();
        for (Model.Version version : pkg.versions) {
            if (version.active() != deleted) {
                result.add(version);
            }
        }
        result.sort(Comparator.comparing((Model.Version version) -> version.createdAt).thenComparingLong(version -> version.id)
                .reversed());
        return result;
    }

    /** Whether a manifest and, recursively, everything it lists is active, i.e. pullable. */
    boolean isComplete(Model.Package pkg, String digest) {
        return isComplete(pkg, digest, new HashSet<>());
    }

    private boolean isComplete(Model.Package pkg, String digest, Set<String> seen) {
        Model.Version version = pkg.byDigest.get(digest);
        if (version == null || !version.active() || !pkg.active()) {
            return false;
        }
        if (!seen.add(digest)) {
            return true;
        }
        for (String child : version.manifest.children()) {
            if (!isComplete(pkg, child, seen)) {
                return false;
            }
        }
        return true;
    }

    Optional<String> resolveTag(Model.Package pkg, String tag) {
        if (pkg == null || !pkg.active()) {
            return Optional.empty();
        }
        return Optional.ofNullable(pkg.tagged(tag)).map(Model.Version::digest);
    }

    /** Pushes a fresh single-arch image under {@code tag}; the tag leaves whichever version held it. */
    String pushTag(Model.Package pkg, String tag) {
        Instant now = clock.instant();
        Model.Manifest manifest = images.image(pkg.repositoryPath(), "linux/amd64", now,
                Map.of("org.opencontainers.image.version", tag), Map.of(), 1, 1024,
                pkg.repositoryPath() + "#push#" + tag + "#" + now + "#" + nextVersionId);
        add(pkg, manifest, List.of(tag), now);
        pkg.updatedAt = now;
        return manifest.digest();
    }

    // ---- building from the scenario ------------------------------------------------------------

    private void addPackage(Scenario.PackageSpec spec) {
        boolean ownedByOrg = orgs.containsKey(spec.owner());
        if (!ownedByOrg && !users.containsKey(spec.owner())) {
            throw new IllegalArgumentException("package " + spec.name() + " has unknown owner " + spec.owner());
        }
        Model.Repo repo = spec.repository() == null ? null
                : new Model.Repo(nextRepoId++, spec.repository().fullName(), spec.repository().isPrivate());
        Model.Package pkg = new Model.Package(nextPackageId++, spec.owner(), ownedByOrg, spec.name(), spec.visibility(), repo,
                spec.downloads(), spec.created());
        if (packages.putIfAbsent(key(spec.owner(), spec.name()), pkg) != null) {
            throw new IllegalArgumentException("package listed twice: " + key(spec.owner(), spec.name()));
        }
        int index = 0;
        for (Scenario.ImageSpec image : spec.images()) {
            addImage(pkg, image, index++);
        }
        if (spec.generate() != null) {
            generate(pkg, spec.generate());
        }
        pkg.updatedAt = pkg.versions.stream().map(version -> version.createdAt).max(Comparator.naturalOrder()).orElse(pkg.createdAt);
    }

    private void addImage(Model.Package pkg, Scenario.ImageSpec spec, int index) {
        String seed = pkg.repositoryPath() + "#" + index;
        String repository = pkg.repositoryPath();
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("org.opencontainers.image.created", spec.created().toString());
        annotations.putAll(spec.annotations());
        Model.Manifest top;
        if (spec.platforms().isEmpty() && spec.sharePlatformsWith() == null && !spec.nested()) {
            top = images.image(repository, spec.platform(), spec.created(), annotations, spec.labels(), spec.layers(),
                    spec.layerSize(), seed);
            add(pkg, top, spec.tags(), spec.created());
        } else {
            List<ImageFactory.Entry> entries;
            if (spec.sharePlatformsWith() != null) {
                entries = sharedEntries(pkg, spec.sharePlatformsWith());
            } else {
                entries = platformEntries(pkg, spec, seed, spec.created());
            }
            if (spec.nested()) {
                Model.Manifest inner = images.index(entries, Map.of());
                add(pkg, inner, List.of(), spec.created());
                entries = List.of(images.indexEntry(inner));
            }
            top = images.index(entries, annotations);
            add(pkg, top, spec.tags(), spec.created());
        }
        addSignatures(pkg, top, spec.signature(), spec.cosignAttestation(), spec.referrer(), spec.created().plusSeconds(60));
    }

    private List<ImageFactory.Entry> platformEntries(Model.Package pkg, Scenario.ImageSpec spec, String seed, Instant created) {
        List<String> platforms = spec.platforms().isEmpty() ? List.of(spec.platform()) : spec.platforms();
        List<ImageFactory.Entry> entries = new ArrayList<>();
        List<ImageFactory.Entry> attestations = new ArrayList<>();
        for (String platform : platforms) {
            Model.Manifest manifest = images.image(pkg.repositoryPath(), platform, created, Map.of(), spec.labels(), spec.layers(),
                    spec.layerSize(), seed + "#" + platform);
            add(pkg, manifest, List.of(), created);
            entries.add(images.platformEntry(manifest, platform));
            if (spec.attestations()) {
                ImageFactory.Entry attestation = images.attestation(pkg.repositoryPath(), manifest, created);
                add(pkg, attestation.manifest(), List.of(), created);
                attestations.add(attestation);
            }
        }
        entries.addAll(attestations);
        return entries;
    }

    private List<ImageFactory.Entry> sharedEntries(Model.Package pkg, String tag) {
        Model.Version other = pkg.tagged(tag);
        if (other == null || other.manifest.children().isEmpty()) {
            throw new IllegalArgumentException("share-platforms-with: no index tagged " + tag + " in " + pkg.repositoryPath()
                    + " (list it earlier)");
        }
        // The other index's bytes are the source of truth for its descriptors.
        List<ImageFactory.Entry> entries = new ArrayList<>();
        tools.jackson.databind.JsonNode document = json.readTree(other.manifest.bytes());
        for (tools.jackson.databind.JsonNode descriptor : document.get("manifests")) {
            Model.Version child = pkg.byDigest.get(descriptor.get("digest").asString());
            @SuppressWarnings("unchecked")
            Map<String, Object> map = json.convertValue(descriptor, LinkedHashMap.class);
            entries.add(new ImageFactory.Entry(child.manifest, map));
        }
        return entries;
    }

    private void addSignatures(Model.Package pkg, Model.Manifest subject, boolean signature, boolean attestation, boolean referrer,
            Instant created) {
        String repository = pkg.repositoryPath();
        if (signature) {
            add(pkg, images.cosignSignature(repository, subject), List.of(Digests.tagFor(subject.digest()) + ".sig"), created);
        }
        if (attestation) {
            add(pkg, images.cosignAttestation(repository, subject), List.of(Digests.tagFor(subject.digest()) + ".att"), created);
        }
        if (referrer) {
            ImageFactory.Entry bundle = images.sigstoreReferrer(subject, created);
            add(pkg, bundle.manifest(), List.of(), created);
            add(pkg, images.index(List.of(bundle), Map.of()), List.of(Digests.tagFor(subject.digest())), created);
        }
    }

    private void generate(Model.Package pkg, Scenario.GenerateSpec spec) {
        Instant start = pkg.createdAt;
        List<String> platforms = new ArrayList<>();
        for (int i = 0; i < spec.platforms(); i++) {
            platforms.add(GENERATED_PLATFORMS[i % GENERATED_PLATFORMS.length]);
        }
        for (int i = 0; i < spec.images(); i++) {
            Instant created = start.plusSeconds(600L * (i + 1));
            List<String> tags = new ArrayList<>(List.of("1." + (i / 100) + "." + (i % 100)));
            if (i == spec.images() - 1) {
                tags.add("latest");
            }
            Scenario.ImageSpec image = new Scenario.ImageSpec(tags, created, "linux/amd64", platforms, spec.attestations(),
                    Map.of(), Map.of(), false, false, false, false, null, 1, 256);
            addImage(pkg, image, 100_000 + i);
        }
    }

    /** Registers a pushed manifest as a package version; pushing bytes that exist only adds tags. */
    private void add(Model.Package pkg, Model.Manifest manifest, List<String> tags, Instant created) {
        Model.Version version = pkg.byDigest.get(manifest.digest());
        if (version == null) {
            version = new Model.Version(nextVersionId++, manifest, created);
            pkg.versions.add(version);
            pkg.byDigest.put(manifest.digest(), version);
            pkg.byId.put(version.id, version);
        }
        for (String tag : tags) {
            Model.Version holder = pkg.tagHolders.put(tag, version);
            if (holder != null && holder != version) {
                holder.tags.remove(tag);
            }
        }
        Set<String> merged = new LinkedHashSet<>(version.tags);
        merged.addAll(tags);
        version.tags.clear();
        version.tags.addAll(merged);
    }
}
