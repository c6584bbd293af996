package dev.ghcrdashboard.simulator;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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

    final ReentrantLock lock = new ReentrantLock();
    final Clock clock;
    final Map<String, Model.User> users = new LinkedHashMap<>();
    final Map<String, Model.TokenGrant> tokens = new ConcurrentHashMap<>();
    final Map<String, Model.Org> orgs = new LinkedHashMap<>();
    final Map<String, Model.Package> packages = new LinkedHashMap<>();
    /** Blob bytes by digest, shared by all repositories (content-addressed storage). */
    final Map<String, byte[]> blobs = new HashMap<>();
    /** Which blobs each registry repository ({@code owner/name}) holds: uploaded there or referenced by a manifest pushed there. */
    private final Map<String, Set<String>> repositoryBlobs = new HashMap<>();
    final String clientId;
    final String clientSecret;
    final ImageFactory images;
    private long nextPackageId = 40_000_000;
    private long nextVersionId = 300_000_000;
    private long nextRepoId = 700_000_000;

    State(Scenario scenario, Clock clock, JsonMapper json) {
        this.clock = clock;
        this.clientId = scenario.clientId();
        this.clientSecret = scenario.clientSecret();
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
            orgs.put(spec.login(), new Model.Org(spec.id(), spec.login(), spec.description(), Map.copyOf(spec.members()),
                    Map.copyOf(spec.teams())));
        }
        new ScenarioSeeder(this, json).seed(scenario.packages());
    }

    static String key(String owner, String name) {
        return owner + "/" + name;
    }

    // ---- who may do what ---------------------------------------------------------------------

    boolean isMember(String login, String org) {
        Model.Org found = orgs.get(org);
        return found != null && found.roles().containsKey(login);
    }

    /**
     * A person's role on a package: the user who owns it and the admins of the owning org administer it; roles granted
     * on the package add to that; any other member of the owning org reads it, and anyone (signed in or not) reads a
     * public package. {@code ""} is the anonymous caller.
     */
    Model.Role role(String login, Model.Package pkg) {
        Model.Role role = pkg.visibility.equals("public") ? Model.Role.READ : Model.Role.NONE;
        if (login.isEmpty()) {
            return role;
        }
        if (pkg.ownedByOrg ? "admin".equals(orgs.get(pkg.owner).roles().get(login)) : pkg.owner.equals(login)) {
            return Model.Role.ADMIN;
        }
        if (pkg.ownedByOrg && isMember(login, pkg.owner)) {
            role = Model.Role.READ;
        }
        Model.Role granted = pkg.access.getOrDefault(login, Model.Role.NONE);
        return granted.atLeast(role) ? granted : role;
    }

    boolean canRead(String login, Model.Package pkg) {
        return role(login, pkg).atLeast(Model.Role.READ);
    }

    boolean canWrite(String login, Model.Package pkg) {
        return role(login, pkg).atLeast(Model.Role.WRITE);
    }

    /** Deleting and restoring needs admin rights: the owner, an admin of the owning org, or a granted admin. */
    boolean canAdminister(String login, Model.Package pkg) {
        return role(login, pkg).atLeast(Model.Role.ADMIN);
    }

    /** Who may create a package by pushing to a new name: the user in their own namespace, any member in an org's. */
    boolean canCreatePackage(String login, String owner) {
        return !login.isEmpty() && ((owner.equals(login) && users.containsKey(owner)) || isMember(login, owner));
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

    /** Whether a manifest and, recursively, everything it lists is active, i.e. pullable. */
    boolean isComplete(Model.Package pkg, String digest) {
        return isComplete(pkg, digest, new HashSet<>());
    }

    private boolean isComplete(Model.Package pkg, String digest, Set<String> seen) {
        Model.Version version = pkg.activeVersion(digest);
        if (version == null || !pkg.active()) {
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

    // ---- registry content ----------------------------------------------------------------------

    boolean holdsBlob(String repository, String digest) {
        Set<String> held = repositoryBlobs.get(repository);
        return held != null && held.contains(digest) && blobs.containsKey(digest);
    }

    void storeBlob(String repository, String digest, byte[] bytes) {
        blobs.putIfAbsent(digest, bytes);
        linkBlobs(repository, List.of(digest));
    }

    private void linkBlobs(String repository, Collection<String> digests) {
        if (!digests.isEmpty()) {
            repositoryBlobs.computeIfAbsent(repository, key -> new HashSet<>()).addAll(digests);
        }
    }

    // ---- writes ----------------------------------------------------------------------------------

    /** A new package under {@code owner}; it takes the place of a deleted package of that name, which can then no longer be restored. */
    Model.Package createPackage(String owner, String name, String visibility, Model.Repo repository, Map<String, Model.Role> access,
            long downloads, Instant created) {
        Model.Package pkg = new Model.Package(nextPackageId++, owner, orgs.containsKey(owner), name, visibility, repository, access,
                downloads, created);
        packages.put(key(owner, name), pkg);
        return pkg;
    }

    Model.Repo newRepo(String fullName, boolean isPrivate) {
        return new Model.Repo(nextRepoId++, fullName, isPrivate);
    }

    /**
     * Registers a pushed manifest as a package version (a new one unless its digest is an active version already)
     * and points {@code tags} at it.
     */
    Model.Version push(Model.Package pkg, Model.Manifest manifest, List<String> tags, Instant at) {
        Model.Version version = pkg.activeVersion(manifest.digest());
        if (version == null) {
            version = pkg.addVersion(nextVersionId++, manifest, at);
        }
        linkBlobs(pkg.repositoryPath(), manifest.blobs());
        for (String tag : tags) {
            pkg.tag(version, tag, at);
        }
        return version;
    }

    /**
     * A manifest pushed through the registry API by someone allowed to: into the package, or into a new private
     * package of that name (GitHub creates a package on its first push; new packages are private).
     */
    Model.Version pushManifest(String owner, String name, Model.Manifest manifest, String tag) {
        Instant now = clock.instant();
        Model.Package pkg = activePackage(owner, name);
        if (pkg == null) {
            pkg = createPackage(owner, name, "private", null, Map.of(), 0, now);
        }
        Model.Version version = push(pkg, manifest, tag == null ? List.of() : List.of(tag), now);
        pkg.updatedAt = now;
        return version;
    }

    /** Pushes a fresh single-arch image under {@code tag}; the tag leaves whichever version held it. */
    String pushTag(Model.Package pkg, String tag) {
        Instant now = clock.instant();
        Model.Manifest manifest = images.image(ImageFactory.Format.OCI, pkg.repositoryPath(), "linux/amd64", now,
                Map.of("org.opencontainers.image.version", tag), Map.of(), 1, 1024,
                pkg.repositoryPath() + "#push#" + tag + "#" + now + "#" + nextVersionId);
        push(pkg, manifest, List.of(tag), now);
        pkg.updatedAt = now;
        return manifest.digest();
    }
}
