package dev.ghcrdashboard.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The simulator's mutable world. Every access goes through {@link State}, which holds the lock. */
final class Model {

    private Model() {
    }

    record User(long id, String login, String name, String email) {
    }

    record TokenGrant(String login, Set<String> scopes) {
    }

    /** @param teams team slug → its members' logins */
    record Org(long id, String login, String description, Map<String, String> roles, Map<String, List<String>> teams) {

        Org withRole(String member, String role) {
            Map<String, String> changed = new java.util.LinkedHashMap<>(roles);
            if (role == null) {
                changed.remove(member);
            } else {
                changed.put(member, role);
            }
            return new Org(id, login, description, Map.copyOf(changed), teams);
        }
    }

    record Repo(long id, String fullName, boolean isPrivate) {

        String owner() {
            return fullName.substring(0, fullName.indexOf('/'));
        }

        String name() {
            return fullName.substring(fullName.indexOf('/') + 1);
        }
    }

    /**
     * One manifest as pushed: its exact bytes, the digests of the manifests it lists (for an index) and of the
     * blobs it references (config and layers, for an image manifest).
     */
    record Manifest(String digest, String mediaType, String artifactType, byte[] bytes, List<String> children,
            List<String> blobs) {

        long size() {
            return bytes.length;
        }
    }

    /** GitHub's package roles ("Manage access"), weakest first. */
    enum Role {
        NONE, READ, WRITE, ADMIN;

        boolean atLeast(Role other) {
            return compareTo(other) >= 0;
        }
    }

    static final class Version {
        final long id;
        final Manifest manifest;
        final List<String> tags = new ArrayList<>();
        final Instant createdAt;
        Instant updatedAt;
        Instant deletedAt;
        long downloads;

        Version(long id, Manifest manifest, Instant createdAt) {
            this.id = id;
            this.manifest = manifest;
            this.createdAt = createdAt;
            this.updatedAt = createdAt;
        }

        String digest() {
            return manifest.digest();
        }

        boolean active() {
            return deletedAt == null;
        }

        SimulatedVersion view() {
            return new SimulatedVersion(id, manifest.digest(), manifest.mediaType(), tags, createdAt, updatedAt, deletedAt);
        }
    }

    static final class Package {
        final long id;
        final String owner;
        final boolean ownedByOrg;
        final String name;
        String visibility;
        final Repo repository;
        /** Roles granted on this package by name (GitHub's "Manage access"), beyond what ownership gives. */
        final Map<String, Role> access;
        long downloads;
        final Instant createdAt;
        Instant updatedAt;
        Instant deletedAt;
        final List<Version> versions = new ArrayList<>();
        /** The version a digest was last pushed as: a digest pushed again after its version was deleted is a new version. */
        final Map<String, Version> byDigest = new HashMap<>();
        final Map<Long, Version> byId = new HashMap<>();
        /** Which version a tag was last pushed to; a tag lives on one version at a time. */
        final Map<String, Version> tagHolders = new HashMap<>();
        /** Counts changes to which versions exist or are active, so the sorted listings are rebuilt only after one. */
        private long revision;
        private long listedRevision = -1;
        private List<Version> activeListing = List.of();
        private List<Version> deletedListing = List.of();

        Package(long id, String owner, boolean ownedByOrg, String name, String visibility, Repo repository,
                Map<String, Role> access, long downloads, Instant createdAt) {
            this.id = id;
            this.owner = owner;
            this.ownedByOrg = ownedByOrg;
            this.name = name;
            this.visibility = visibility;
            this.repository = repository;
            this.access = Map.copyOf(access);
            this.downloads = downloads;
            this.createdAt = createdAt;
            this.updatedAt = createdAt;
        }

        String repositoryPath() {
            return owner + "/" + name;
        }

        boolean active() {
            return deletedAt == null;
        }

        long activeVersionCount() {
            return listing(false).size();
        }

        /**
         * Active (or deleted) versions newest first, as GitHub lists them. Kept sorted between changes: sorting 100,000
         * versions for every page asked for would make the simulator, not the client under test, the slow part.
         */
        List<Version> listing(boolean deleted) {
            if (listedRevision != revision) {
                List<Version> active = new ArrayList<>();
                List<Version> gone = new ArrayList<>();
                for (Version version : versions) {
                    (version.active() ? active : gone).add(version);
                }
                Comparator<Version> newestFirst = Comparator.comparing((Version version) -> version.createdAt)
                        .thenComparingLong(version -> version.id).reversed();
                active.sort(newestFirst);
                gone.sort(newestFirst);
                activeListing = Collections.unmodifiableList(active);
                deletedListing = Collections.unmodifiableList(gone);
                listedRevision = revision;
            }
            return deleted ? deletedListing : activeListing;
        }

        void delete(Version version, Instant at) {
            version.deletedAt = at;
            version.updatedAt = at;
            revision++;
        }

        void restore(Version version, Instant at) {
            version.deletedAt = null;
            version.updatedAt = at;
            revision++;
        }

        /** The active version of a digest, or null. */
        Version activeVersion(String digest) {
            Version version = byDigest.get(digest);
            return version != null && version.active() ? version : null;
        }

        Version addVersion(long id, Manifest manifest, Instant created) {
            Version version = new Version(id, manifest, created);
            versions.add(version);
            revision++;
            byDigest.put(manifest.digest(), version);
            byId.put(id, version);
            return version;
        }

        /**
         * Points {@code tag} at {@code version}; the version that held it loses it. A version gaining or losing a tag
         * counts as updated at {@code at} (an assumption: GitHub does not document what moves {@code updated_at}).
         */
        void tag(Version version, String tag, Instant at) {
            Version holder = tagHolders.put(tag, version);
            if (holder != null && holder != version && holder.tags.remove(tag) && holder.active()) {
                holder.updatedAt = at;
            }
            if (!version.tags.contains(tag)) {
                version.tags.add(tag);
                version.updatedAt = at;
            }
        }

        /** Resolves a tag to the active version holding it, as the registry sees it. */
        Version tagged(String tag) {
            Version holder = tagHolders.get(tag);
            return holder != null && holder.active() && holder.tags.contains(tag) ? holder : null;
        }

        Map<String, Version> activeTags() {
            Map<String, Version> tags = new LinkedHashMap<>();
            for (Version version : versions) {
                if (version.active()) {
                    version.tags.forEach(tag -> tags.put(tag, version));
                }
            }
            return tags;
        }
    }
}
