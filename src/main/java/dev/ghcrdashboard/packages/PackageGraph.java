package dev.ghcrdashboard.packages;

import dev.ghcrdashboard.github.PackageVersion;
import dev.ghcrdashboard.registry.Descriptor;
import dev.ghcrdashboard.registry.ManifestDocument;
import dev.ghcrdashboard.registry.MediaTypes;
import dev.ghcrdashboard.registry.Platform;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The versions of one container package and what belongs to what.
 *
 * <p>"X belongs to Y" when Y is an index listing X, X's {@code subject} is Y, or X carries a
 * referrer-scheme tag naming Y ({@code sha256-<hexY>} referrers index, cosign's
 * {@code sha256-<hexY>.sig|.att|.sbom}). Deleting Y's closure together keeps every remaining tag
 * pullable; deleting X alone while Y stays breaks Y. Only versions present in the package take
 * part: an index listing a digest that is not a version does not create a node for it.
 *
 * <p>Building is linear in versions plus manifest entries. The graph is immutable.
 */
public final class PackageGraph {

    /** Newest first, ties by id descending: the order every listing of this graph uses. */
    static final Comparator<PackageVersion> NEWEST_FIRST = Comparator
            .comparing(PackageVersion::createdAt, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
            .thenComparing(Comparator.comparingLong(PackageVersion::id).reversed());

    private static final String REFERENCE_TYPE = "vnd.docker.reference.type";
    private static final String ATTESTATION_MANIFEST = "attestation-manifest";

    private final List<VersionNode> nodes;
    private final Map<String, VersionNode> byDigest;
    private final Map<Long, VersionNode> byId;
    private final Map<String, List<String>> members;
    private final List<VersionNode> roots;
    private final Set<String> rootDigests;
    private final boolean complete;
    private final Map<String, ManifestDocument> manifests;

    private PackageGraph(List<VersionNode> nodes, Map<String, List<String>> members, List<VersionNode> roots, boolean complete,
            Map<String, ManifestDocument> manifests) {
        this.nodes = List.copyOf(nodes);
        this.manifests = manifests;
        this.byDigest = new HashMap<>();
        this.byId = new HashMap<>();
        for (VersionNode node : nodes) {
            byDigest.put(node.digest(), node);
            byId.put(node.id(), node);
        }
        this.members = members;
        this.roots = List.copyOf(roots);
        this.rootDigests = new HashSet<>();
        for (VersionNode root : roots) {
            rootDigests.add(root.digest());
        }
        this.complete = complete;
    }

    /**
     * Builds the graph of a package's active versions.
     *
     * @param versions the active versions; a digest listed twice keeps its newest version only
     * @param manifests parsed manifests by digest; a version whose digest is missing becomes
     *     {@link VersionKind#UNKNOWN} and makes the graph incomplete
     */
    public static PackageGraph build(List<PackageVersion> versions, Map<String, ManifestDocument> manifests) {
        return new Builder(versions, manifests).build();
    }

    /** Every node, newest first. */
    public List<VersionNode> nodes() {
        return nodes;
    }

    public int size() {
        return nodes.size();
    }

    public Optional<VersionNode> byDigest(String digest) {
        return Optional.ofNullable(byDigest.get(digest));
    }

    public Optional<VersionNode> byId(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * The units a person manages: nodes that belong to nothing present, newest first. A group of
     * versions that only belong to each other (tags naming each other in a loop) is represented
     * by its newest member, so every node lies in the closure of some root.
     */
    public List<VersionNode> roots() {
        return roots;
    }

    public boolean isRoot(VersionNode node) {
        return rootDigests.contains(node.digest());
    }

    /** What directly belongs to {@code node} — index children first, then referrers — for display under it. */
    public List<VersionNode> belongingTo(VersionNode node) {
        List<String> digests = members.getOrDefault(node.digest(), List.of());
        List<VersionNode> result = new ArrayList<>(digests.size());
        for (String digest : digests) {
            result.add(byDigest.get(digest));
        }
        return result;
    }

    /**
     * The digests that go when {@code node} goes: the node itself and everything that belongs to
     * it, transitively (a nested index's children, referrers of referrers).
     */
    public Set<String> closure(VersionNode node) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>();
        seen.add(node.digest());
        queue.add(node.digest());
        while (!queue.isEmpty()) {
            for (String member : members.getOrDefault(queue.poll(), List.of())) {
                if (seen.add(member)) {
                    queue.add(member);
                }
            }
        }
        return seen;
    }

    /** The roots whose closure contains {@code node}, newest first: the images it is part of. */
    public List<VersionNode> rootsOf(VersionNode node) {
        Set<String> seen = new HashSet<>();
        Deque<String> queue = new ArrayDeque<>();
        seen.add(node.digest());
        queue.add(node.digest());
        List<VersionNode> result = new ArrayList<>();
        while (!queue.isEmpty()) {
            VersionNode current = byDigest.get(queue.poll());
            if (rootDigests.contains(current.digest())) {
                result.add(current);
            }
            for (String owner : current.ownerDigests()) {
                if (seen.add(owner)) {
                    queue.add(owner);
                }
            }
        }
        result.sort(Comparator.comparing(VersionNode::version, NEWEST_FIRST));
        return result;
    }

    /** The parsed manifest of a version of this package, when it was read. */
    public Optional<ManifestDocument> manifest(String digest) {
        return Optional.ofNullable(manifests.get(digest));
    }

    /** Whether every version's manifest is known; until it is, nothing counts as orphaned. */
    public boolean complete() {
        return complete;
    }

    private static final class Builder {

        /** Real indexes cannot list themselves (digests are content hashes); forged input could. */
        private static final int MAX_NESTING = 16;

        private final List<PackageVersion> versions;
        private final Map<String, ManifestDocument> manifests;
        private final Map<String, PackageVersion> present = new HashMap<>();
        /** owner digest → member digests, in discovery order. */
        private final Map<String, LinkedHashSet<String>> members = new HashMap<>();
        /** member digest → owner digests. */
        private final Map<String, LinkedHashSet<String>> owners = new HashMap<>();
        /** digest → the index entries that list it (for platform and attestation markers). */
        private final Map<String, List<Descriptor>> listings = new HashMap<>();
        /** digest → whether some listing index is a referrers index. */
        private final Set<String> listedByReferrersIndex = new HashSet<>();
        private final Map<String, Long> sizeMemo = new HashMap<>();
        private final Map<String, Map<String, Long>> sizeByPlatformMemo = new HashMap<>();
        private final Set<String> sizing = new HashSet<>();

        Builder(List<PackageVersion> versions, Map<String, ManifestDocument> manifests) {
            List<PackageVersion> sorted = new ArrayList<>(versions);
            sorted.sort(NEWEST_FIRST);
            List<PackageVersion> unique = new ArrayList<>(sorted.size());
            for (PackageVersion version : sorted) {
                if (present.putIfAbsent(version.digest(), version) == null) {
                    unique.add(version);
                }
            }
            this.versions = unique;
            this.manifests = manifests;
        }

        PackageGraph build() {
            for (PackageVersion version : versions) {
                ManifestDocument document = manifests.get(version.digest());
                if (document != null && document.isIndex()) {
                    boolean referrersIndex = isReferrersIndex(version, document);
                    for (Descriptor entry : document.manifests()) {
                        listings.computeIfAbsent(entry.digest(), digest -> new ArrayList<>()).add(entry);
                        if (referrersIndex) {
                            listedByReferrersIndex.add(entry.digest());
                        }
                        link(entry.digest(), version.digest());
                    }
                }
            }
            for (PackageVersion version : versions) {
                ManifestDocument document = manifests.get(version.digest());
                if (document != null && document.subject() != null) {
                    link(version.digest(), document.subject().digest());
                }
                for (String tag : version.tags()) {
                    ReferrerTags.Parsed parsed = ReferrerTags.parse(tag);
                    if (parsed != null) {
                        link(version.digest(), parsed.subjectDigest());
                    }
                }
            }
            boolean complete = true;
            List<VersionNode> nodes = new ArrayList<>(versions.size());
            for (PackageVersion version : versions) {
                complete &= manifests.containsKey(version.digest());
            }
            for (PackageVersion version : versions) {
                nodes.add(node(version, complete));
            }
            Map<String, List<String>> memberLists = new HashMap<>();
            members.forEach((owner, set) -> memberLists.put(owner, List.copyOf(set)));
            Map<String, ManifestDocument> known = new HashMap<>();
            for (PackageVersion version : versions) {
                ManifestDocument document = manifests.get(version.digest());
                if (document != null) {
                    known.put(version.digest(), document);
                }
            }
            return new PackageGraph(nodes, memberLists, roots(nodes, memberLists), complete, known);
        }

        private void link(String member, String owner) {
            if (member.equals(owner) || !present.containsKey(member) || !present.containsKey(owner)) {
                return;
            }
            members.computeIfAbsent(owner, digest -> new LinkedHashSet<>()).add(member);
            owners.computeIfAbsent(member, digest -> new LinkedHashSet<>()).add(owner);
        }

        private VersionNode node(PackageVersion version, boolean complete) {
            String digest = version.digest();
            ManifestDocument document = manifests.get(digest);
            List<String> ownerDigests = List.copyOf(owners.getOrDefault(digest, new LinkedHashSet<>()));
            VersionKind kind = kind(version, document, ownerDigests);
            List<String> children = document == null ? List.of() : document.manifests().stream().map(Descriptor::digest).toList();
            boolean orphaned = complete && ownerDigests.isEmpty() && (!version.tagged() || danglingReferrer(version, document));
            return new VersionNode(version, kind, platforms(digest, document, 0), size(digest), sizeByPlatform(digest),
                    children, ownerDigests, subjectDigest(version, document), orphaned);
        }

        private VersionKind kind(PackageVersion version, ManifestDocument document, List<String> ownerDigests) {
            if (document == null) {
                return VersionKind.UNKNOWN;
            }
            for (String tag : version.tags()) {
                ReferrerTags.Parsed parsed = ReferrerTags.parse(tag);
                if (parsed != null && parsed.suffix() == ReferrerTags.Suffix.SIG) {
                    return VersionKind.SIGNATURE;
                }
                if (parsed != null && parsed.suffix() != ReferrerTags.Suffix.NONE) {
                    return VersionKind.ATTESTATION;
                }
            }
            if (isSignature(document)) {
                return VersionKind.SIGNATURE;
            }
            if (document.subject() != null) {
                return MediaTypes.IN_TOTO.equals(artifactType(document)) ? VersionKind.ATTESTATION : VersionKind.REFERRER;
            }
            if (document.isIndex()) {
                return isReferrersIndex(version, document) ? VersionKind.REFERRER : VersionKind.MULTI_ARCH_INDEX;
            }
            String digest = version.digest();
            if (listedByReferrersIndex.contains(digest) && !ownerDigests.isEmpty()) {
                return VersionKind.REFERRER;
            }
            boolean listedByPresentIndex = false;
            for (String owner : ownerDigests) {
                ManifestDocument ownerDocument = manifests.get(owner);
                listedByPresentIndex |= ownerDocument != null && ownerDocument.isIndex();
            }
            if (!listedByPresentIndex) {
                return VersionKind.IMAGE;
            }
            for (Descriptor entry : listings.getOrDefault(digest, List.of())) {
                if (isAttestationEntry(entry)) {
                    return VersionKind.ATTESTATION;
                }
            }
            return VersionKind.PLATFORM_MANIFEST;
        }

        private List<Platform> platforms(String digest, ManifestDocument document, int depth) {
            Set<Platform> platforms = new LinkedHashSet<>();
            if (document != null && document.isIndex() && depth < MAX_NESTING) {
                for (Descriptor entry : document.manifests()) {
                    if (isAttestationEntry(entry)) {
                        continue;
                    }
                    if (entry.platform() != null && !entry.platform().unknown()) {
                        platforms.add(entry.platform());
                    } else if (isIndex(entry.digest())) {
                        platforms.addAll(platforms(entry.digest(), manifests.get(entry.digest()), depth + 1));
                    }
                }
            } else if (document != null && !document.isIndex()) {
                for (Descriptor entry : listings.getOrDefault(digest, List.of())) {
                    if (entry.platform() != null && !entry.platform().unknown()) {
                        platforms.add(entry.platform());
                    }
                }
            }
            return List.copyOf(platforms);
        }

        /** Compressed bytes; for an index the sum of its image children that are present. */
        private long size(String digest) {
            Long memo = sizeMemo.get(digest);
            if (memo != null) {
                return memo;
            }
            ManifestDocument document = manifests.get(digest);
            long size = 0;
            Map<String, Long> byPlatform = new LinkedHashMap<>();
            if (document != null && present.containsKey(digest) && sizing.add(digest)) {
                if (document.isIndex()) {
                    Set<String> counted = new HashSet<>();
                    for (Descriptor entry : document.manifests()) {
                        if (isAttestationEntry(entry) || !present.containsKey(entry.digest()) || !counted.add(entry.digest())) {
                            continue;
                        }
                        long childSize = size(entry.digest());
                        size += childSize;
                        if (entry.platform() != null && !entry.platform().unknown()) {
                            byPlatform.merge(entry.platform().toString(), childSize, Long::sum);
                        } else {
                            sizeByPlatformMemo.getOrDefault(entry.digest(), Map.of()).forEach((platform, bytes) -> byPlatform.merge(platform, bytes, Long::sum));
                        }
                    }
                } else {
                    size = document.compressedSize();
                    for (Descriptor entry : listings.getOrDefault(digest, List.of())) {
                        if (entry.platform() != null && !entry.platform().unknown()) {
                            byPlatform.put(entry.platform().toString(), size);
                        }
                    }
                }
                sizing.remove(digest);
            }
            sizeMemo.put(digest, size);
            sizeByPlatformMemo.put(digest, byPlatform);
            return size;
        }

        private Map<String, Long> sizeByPlatform(String digest) {
            size(digest);
            return sizeByPlatformMemo.getOrDefault(digest, Map.of());
        }

        private boolean isIndex(String digest) {
            ManifestDocument document = manifests.get(digest);
            return document != null && document.isIndex() && present.containsKey(digest);
        }

        /**
         * A referrer whose subject is gone: every tag it has is a referrer-scheme tag ({@code sha256-<hex>},
         * {@code .sig}, {@code .att}, {@code .sbom}) and what it refers to is not a version of the package. Its tags
         * are bookkeeping for an image nobody can pull any more, so it is an orphan like an untagged leftover.
         */
        private boolean danglingReferrer(PackageVersion version, ManifestDocument document) {
            for (String tag : version.tags()) {
                if (!ReferrerTags.isReferrerTag(tag)) {
                    return false;
                }
            }
            String subject = subjectDigest(version, document);
            return subject != null && !present.containsKey(subject);
        }

        private static String subjectDigest(PackageVersion version, ManifestDocument document) {
            if (document != null && document.subject() != null) {
                return document.subject().digest();
            }
            for (String tag : version.tags()) {
                ReferrerTags.Parsed parsed = ReferrerTags.parse(tag);
                if (parsed != null) {
                    return parsed.subjectDigest();
                }
            }
            return null;
        }

        private static boolean isReferrersIndex(PackageVersion version, ManifestDocument document) {
            for (String tag : version.tags()) {
                ReferrerTags.Parsed parsed = ReferrerTags.parse(tag);
                if (parsed != null && parsed.suffix() == ReferrerTags.Suffix.NONE) {
                    return true;
                }
            }
            return false;
        }

        private static boolean isAttestationEntry(Descriptor entry) {
            return entry.platform() != null && entry.platform().unknown()
                    && ATTESTATION_MANIFEST.equals(entry.annotations().get(REFERENCE_TYPE));
        }

        private static String artifactType(ManifestDocument document) {
            if (document.artifactType() != null) {
                return document.artifactType();
            }
            return document.config() == null ? null : document.config().mediaType();
        }

        private static boolean isSignature(ManifestDocument document) {
            if (isSigningType(artifactType(document))) {
                return true;
            }
            for (Descriptor layer : document.layers()) {
                if (isSigningType(layer.mediaType())) {
                    return true;
                }
            }
            return false;
        }

        private static boolean isSigningType(String mediaType) {
            return mediaType != null && (mediaType.startsWith("application/vnd.dev.sigstore.bundle")
                    || MediaTypes.COSIGN_SIMPLESIGNING.equals(mediaType)
                    || mediaType.startsWith("application/vnd.dev.cosign.artifact.sig"));
        }

        /** Nodes with no present owner; then one representative per ownerless-in-a-loop group. */
        private static List<VersionNode> roots(List<VersionNode> nodes, Map<String, List<String>> members) {
            List<VersionNode> roots = new ArrayList<>();
            Set<String> reached = new HashSet<>();
            Deque<String> queue = new ArrayDeque<>();
            for (VersionNode node : nodes) {
                if (node.ownerDigests().isEmpty()) {
                    roots.add(node);
                    reach(node.digest(), members, reached, queue);
                }
            }
            if (reached.size() < nodes.size()) {
                // Only tags that name each other in a loop get here; nodes are newest first.
                for (VersionNode node : nodes) {
                    if (!reached.contains(node.digest())) {
                        roots.add(node);
                        reach(node.digest(), members, reached, queue);
                    }
                }
                roots.sort(Comparator.comparing(VersionNode::version, NEWEST_FIRST));
            }
            return Collections.unmodifiableList(roots);
        }

        private static void reach(String start, Map<String, List<String>> members, Set<String> reached, Deque<String> queue) {
            if (!reached.add(start)) {
                return;
            }
            queue.add(start);
            while (!queue.isEmpty()) {
                for (String member : members.getOrDefault(queue.poll(), List.of())) {
                    if (reached.add(member)) {
                        queue.add(member);
                    }
                }
            }
        }
    }
}
