package dev.ghcrdashboard.packages;

import dev.ghcrdashboard.github.PackageVersion;
import dev.ghcrdashboard.registry.Descriptor;
import dev.ghcrdashboard.registry.ManifestDocument;
import dev.ghcrdashboard.registry.MediaTypes;
import dev.ghcrdashboard.registry.Platform;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts a package's versions together into a {@link PackageGraph} while their manifests arrive, and places
 * what need not be read at all.
 *
 * <p><b>Placed without reading.</b> A version's kind and subject are often written elsewhere already: a read
 * index lists its buildx attestations as {@code unknown/unknown} entries annotated
 * {@code vnd.docker.reference.type: attestation-manifest} and {@code vnd.docker.reference.digest}
 * (docs/ghcr-platform.md §8.2), and its platform manifests with their platform; a referrers tag index lists
 * its referrers with their {@code artifactType}; cosign's {@code sha256-<hex>.sig|.att|.sbom} tags name the
 * kind and the subject (§7.5, §7.6). Such a version is placed when every entry listing it says it is an image
 * manifest, which lists nothing further, so nothing can hang below it unseen and it no longer makes the graph
 * incomplete. Its manifest is read only when someone opens it. Platform manifests are still read, for their
 * sizes. An unread version nothing places stays {@link VersionKind#UNKNOWN}.
 *
 * <p><b>Incremental.</b> A manifest changes only a few nodes: its own, those it lists, and the indexes above
 * it (their sizes and platforms). {@link #add} marks those; {@link #settle} recomputes them; a
 * {@link #snapshot} copies arrays instead of rebuilding maps. The final graph equals one built from scratch
 * from the same versions and manifests, whatever order they arrived in.
 *
 * <p>Not thread-safe: one analysis feeds it from one thread. Snapshots are immutable and shared freely.
 */
final class GraphAssembly {

    private static final String REFERENCE_TYPE = "vnd.docker.reference.type";
    private static final String REFERENCE_DIGEST = "vnd.docker.reference.digest";
    private static final String ATTESTATION_MANIFEST = "attestation-manifest";
    /** Real indexes cannot list themselves (digests are content hashes); forged input could. */
    private static final int MAX_NESTING = 16;
    private static final int[] NONE = new int[0];

    /** An entry of a read index that lists a version. */
    private record Listing(int index, Descriptor entry) {
    }

    private final PackageGraph.Versions versions;
    private final int size;
    private final ManifestDocument[] manifests;
    /** Per version: entries of read indexes listing it, ordered by the listing index's position. */
    private final List<List<Listing>> listings;
    /** Per version: the present versions its referrer-scheme tags name, in tag order. */
    private final int[][] tagSubjects;
    /** Per version: whether it carries a bare {@code sha256-<hex>} tag, i.e. is a referrers tag index. */
    private final boolean[] referrersIndex;
    /** Per version: the present version its manifest's {@code subject} names (or, unread, its referrers index says), or -1. */
    private final int[] subjectOf;
    /** Per version: versions whose tags name it, ascending; fixed. */
    private final int[][] tagReferrers;
    /** Per version: versions whose {@link #subjectOf} is it, ascending. */
    private final int[][] subjectReferrers;
    private final VersionNode[] nodes;
    /** Per version: what directly belongs to it (index entries first, then referrers), as positions. */
    private final int[][] members;
    private final BitSet dirty = new BitSet();
    private final BitSet membersDirty = new BitSet();
    private final BitSet failed = new BitSet();
    private int unknown;
    private int read;
    private boolean complete;
    /** Per settle pass: sizes computed in it (a memo) and what is being sized (forged loops). */
    private final long[] sizeMemo;
    private final int[] sizeMemoPass;
    private final List<Map<String, Long>> sizeByPlatformMemo;
    private final BitSet sizing = new BitSet();
    private int pass;

    GraphAssembly(List<PackageVersion> listed) {
        this.versions = PackageGraph.Versions.of(listed);
        this.size = versions.list().size();
        this.manifests = new ManifestDocument[size];
        this.listings = new ArrayList<>(Collections.nCopies(size, List.of()));
        this.tagSubjects = new int[size][];
        this.referrersIndex = new boolean[size];
        this.subjectOf = new int[size];
        this.tagReferrers = new int[size][];
        this.subjectReferrers = new int[size][];
        this.nodes = new VersionNode[size];
        this.members = new int[size][];
        this.sizeMemo = new long[size];
        this.sizeMemoPass = new int[size];
        this.sizeByPlatformMemo = new ArrayList<>(Collections.nCopies(size, Map.of()));
        Arrays.fill(subjectOf, -1);
        Arrays.fill(subjectReferrers, NONE);
        List<List<Integer>> byTag = new ArrayList<>(Collections.nCopies(size, null));
        for (int v = 0; v < size; v++) {
            LinkedHashSet<Integer> named = new LinkedHashSet<>();
            for (String tag : versions.list().get(v).tags()) {
                ReferrerTags.Parsed parsed = ReferrerTags.parse(tag);
                if (parsed == null) {
                    continue;
                }
                referrersIndex[v] |= parsed.suffix() == ReferrerTags.Suffix.NONE;
                Integer subject = versions.position(parsed.subjectDigest());
                if (subject != null && subject != v) {
                    named.add(subject);
                }
            }
            tagSubjects[v] = named.stream().mapToInt(Integer::intValue).toArray();
            for (int subject : tagSubjects[v]) {
                if (byTag.get(subject) == null) {
                    byTag.set(subject, new ArrayList<>());
                }
                byTag.get(subject).add(v);
            }
        }
        for (int v = 0; v < size; v++) {
            tagReferrers[v] = byTag.get(v) == null ? NONE : byTag.get(v).stream().mapToInt(Integer::intValue).toArray();
        }
        unknown = size;
        dirty.set(0, size);
        membersDirty.set(0, size);
    }

    int size() {
        return size;
    }

    String digest(int position) {
        return versions.list().get(position).digest();
    }

    Integer position(String digest) {
        return versions.position(digest);
    }

    /** Manifests added so far. */
    int read() {
        return read;
    }

    /** Versions whose kind is known, read or placed (as of the last {@link #settle}). */
    int placed() {
        return size - unknown;
    }

    /**
     * Takes a manifest in. A manifest of no version of this package, or one already taken, changes nothing.
     *
     * @return whether it was new
     */
    boolean add(ManifestDocument document) {
        Integer found = versions.position(document.digest());
        if (found == null || manifests[found] != null) {
            return false;
        }
        int p = found;
        manifests[p] = document;
        read++;
        failed.clear(p);
        dirty.set(p);
        if (document.isIndex()) {
            int placedSubject = referrersIndex[p] ? bareTagSubject(p) : -1;
            for (Descriptor entry : document.manifests()) {
                Integer child = versions.position(entry.digest());
                if (child == null || child == p) {
                    continue;
                }
                insertListing(child, new Listing(p, entry));
                dirty.set(child);
                if (placedSubject >= 0 && manifests[child] == null && isImageManifest(entry)) {
                    // The referrers tag schema: the index tagged sha256-<hex> lists manifests whose subject is <hex>.
                    setSubject(child, placedSubject);
                }
            }
            membersDirty.set(p);
        }
        Integer subject = document.subject() == null ? null : versions.position(document.subject().digest());
        setSubject(p, subject == null || subject == p ? -1 : subject);
        markIndexesAbove(p);
        return true;
    }

    /** Notes that a manifest could not be read: it is not asked for again by this assembly. */
    void failed(int position) {
        failed.set(position);
    }

    /**
     * Whether the version's manifest is still worth a GET: nothing places it yet (it might list further
     * versions), or it is a platform manifest whose size is only in its manifest.
     */
    boolean wantsRead(int position) {
        if (manifests[position] != null || failed.get(position)) {
            return false;
        }
        VersionKind kind = nodes[position].kind();
        return kind == VersionKind.UNKNOWN || kind == VersionKind.PLATFORM_MANIFEST;
    }

    /** Unread and placed by nothing: for all that is known it could be an index listing more versions. */
    boolean unplaced(int position) {
        return manifests[position] == null && nodes[position].kind() == VersionKind.UNKNOWN;
    }

    /** Tagged for people to pull, or a referrers tag index: read first, since such versions list others. */
    boolean heads(int position) {
        VersionNode node = nodes[position];
        return node.named() || referrersIndex[position];
    }

    /** Recomputes what {@link #add} changed; the queries above answer from it. */
    void settle() {
        pass++;
        for (int v = dirty.nextSetBit(0); v >= 0; v = dirty.nextSetBit(v + 1)) {
            recompute(v);
        }
        dirty.clear();
        boolean nowComplete = unknown == 0;
        if (nowComplete != complete) {
            // Orphans exist only in a complete graph (an unplaced version might be an index listing them).
            complete = nowComplete;
            for (int v = 0; v < size; v++) {
                VersionNode node = nodes[v];
                boolean orphaned = orphaned(v, node.ownerDigests().size());
                if (orphaned != node.orphaned()) {
                    nodes[v] = new VersionNode(node.version(), node.kind(), node.platforms(), node.compressedSize(),
                            node.sizeKnown(), node.sizeByPlatform(), node.childDigests(), node.ownerDigests(), node.subjectDigest(),
                            orphaned);
                }
            }
        }
        for (int o = membersDirty.nextSetBit(0); o >= 0; o = membersDirty.nextSetBit(o + 1)) {
            members[o] = membersOf(o);
        }
        membersDirty.clear();
    }

    /** The graph as it stands. */
    PackageGraph snapshot() {
        settle();
        return new PackageGraph(versions, nodes.clone(), members.clone(), manifests.clone(), complete);
    }

    private void recompute(int v) {
        ManifestDocument document = manifests[v];
        int[] owners = ownersOf(v);
        List<String> ownerDigests = new ArrayList<>(owners.length);
        for (int owner : owners) {
            ownerDigests.add(digest(owner));
        }
        VersionKind kind = kind(v, document, owners);
        VersionNode before = nodes[v];
        if (before == null || before.kind() == VersionKind.UNKNOWN) {
            unknown -= kind == VersionKind.UNKNOWN ? 0 : 1;
        } else if (kind == VersionKind.UNKNOWN) {
            unknown++;
        }
        List<String> children = document == null ? List.of() : document.manifests().stream().map(Descriptor::digest).toList();
        boolean orphaned = orphaned(v, owners.length);
        nodes[v] = new VersionNode(versions.list().get(v), kind, platforms(v, 0), size(v), document != null,
                sizeByPlatform(v), children, ownerDigests, subjectDigest(v, document), orphaned);
    }

    /**
     * Belonging to nothing present, in a complete graph, and untagged or a referrer whose subject is gone: every
     * tag it has is a referrer-scheme tag ({@code sha256-<hex>}, {@code .sig}, {@code .att}, {@code .sbom}) and
     * what it refers to is not a version of the package. Such tags are bookkeeping for an image nobody can pull
     * any more, so it is an orphan like an untagged leftover.
     */
    private boolean orphaned(int v, int owners) {
        PackageVersion version = versions.list().get(v);
        if (!complete || owners > 0) {
            return false;
        }
        if (!version.tagged()) {
            return true;
        }
        for (String tag : version.tags()) {
            if (!ReferrerTags.isReferrerTag(tag)) {
                return false;
            }
        }
        String subject = subjectDigest(v, manifests[v]);
        return subject != null && versions.position(subject) == null;
    }

    /** Indexes listing it (newest first), then its subject, then what its tags name; each once. */
    private int[] ownersOf(int v) {
        LinkedHashSet<Integer> owners = new LinkedHashSet<>();
        for (Listing listing : listings.get(v)) {
            owners.add(listing.index());
        }
        if (subjectOf[v] >= 0) {
            owners.add(subjectOf[v]);
        }
        for (int subject : tagSubjects[v]) {
            owners.add(subject);
        }
        return owners.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Index entries present in the package (in the index's order), then versions naming it, newest first; each once. */
    private int[] membersOf(int o) {
        LinkedHashSet<Integer> result = new LinkedHashSet<>();
        ManifestDocument document = manifests[o];
        if (document != null && document.isIndex()) {
            for (Descriptor entry : document.manifests()) {
                Integer child = versions.position(entry.digest());
                if (child != null && child != o) {
                    result.add(child);
                }
            }
        }
        int[] byTag = tagReferrers[o];
        int[] bySubject = subjectReferrers[o];
        int i = 0;
        int j = 0;
        while (i < byTag.length || j < bySubject.length) {
            int next = j >= bySubject.length || (i < byTag.length && byTag[i] <= bySubject[j]) ? byTag[i++] : bySubject[j++];
            if (next != o) {
                result.add(next);
            }
        }
        return result.stream().mapToInt(Integer::intValue).toArray();
    }

    private VersionKind kind(int v, ManifestDocument document, int[] owners) {
        for (String tag : versions.list().get(v).tags()) {
            ReferrerTags.Parsed parsed = ReferrerTags.parse(tag);
            if (parsed != null && parsed.suffix() == ReferrerTags.Suffix.SIG) {
                return VersionKind.SIGNATURE;
            }
            if (parsed != null && parsed.suffix() != ReferrerTags.Suffix.NONE) {
                return VersionKind.ATTESTATION;
            }
        }
        List<Listing> listed = listings.get(v);
        if (document == null) {
            return placedKind(listed);
        }
        if (isSignature(document)) {
            return VersionKind.SIGNATURE;
        }
        if (document.subject() != null) {
            return MediaTypes.IN_TOTO.equals(artifactType(document)) ? VersionKind.ATTESTATION : VersionKind.REFERRER;
        }
        if (document.isIndex()) {
            return referrersIndex[v] ? VersionKind.REFERRER : VersionKind.MULTI_ARCH_INDEX;
        }
        boolean listedByReferrersIndex = false;
        for (Listing listing : listed) {
            listedByReferrersIndex |= referrersIndex[listing.index()];
        }
        if (listedByReferrersIndex && owners.length > 0) {
            return VersionKind.REFERRER;
        }
        boolean listedByPresentIndex = false;
        for (int owner : owners) {
            listedByPresentIndex |= manifests[owner] != null && manifests[owner].isIndex();
        }
        if (!listedByPresentIndex) {
            return VersionKind.IMAGE;
        }
        for (Listing listing : listed) {
            if (isAttestationEntry(listing.entry())) {
                return VersionKind.ATTESTATION;
            }
        }
        return VersionKind.PLATFORM_MANIFEST;
    }

    /**
     * The kind of an unread version as the read indexes listing it describe it, or {@link VersionKind#UNKNOWN}
     * when none does, or one says it may be an index.
     */
    private VersionKind placedKind(List<Listing> listed) {
        if (listed.isEmpty()) {
            return VersionKind.UNKNOWN;
        }
        for (Listing listing : listed) {
            if (!isImageManifest(listing.entry())) {
                return VersionKind.UNKNOWN;
            }
        }
        for (Listing listing : listed) {
            if (referrersIndex[listing.index()]) {
                String type = listing.entry().artifactType();
                return isSigningType(type) ? VersionKind.SIGNATURE
                        : MediaTypes.IN_TOTO.equals(type) ? VersionKind.ATTESTATION : VersionKind.REFERRER;
            }
        }
        for (Listing listing : listed) {
            if (isAttestationEntry(listing.entry())) {
                return VersionKind.ATTESTATION;
            }
        }
        return VersionKind.PLATFORM_MANIFEST;
    }

    private List<Platform> platforms(int v, int depth) {
        Set<Platform> platforms = new LinkedHashSet<>();
        ManifestDocument document = manifests[v];
        if (document != null && document.isIndex()) {
            if (depth < MAX_NESTING) {
                for (Descriptor entry : document.manifests()) {
                    if (isAttestationEntry(entry)) {
                        continue;
                    }
                    Integer child = versions.position(entry.digest());
                    if (entry.platform() != null && !entry.platform().unknown()) {
                        platforms.add(entry.platform());
                    } else if (child != null && isReadIndex(child)) {
                        platforms.addAll(platforms(child, depth + 1));
                    }
                }
            }
        } else {
            // A plain manifest, read or not: the platform its indexes list it under.
            for (Listing listing : listings.get(v)) {
                Platform platform = listing.entry().platform();
                if (platform != null && !platform.unknown()) {
                    platforms.add(platform);
                }
            }
        }
        return List.copyOf(platforms);
    }

    /** Compressed bytes; for an index the sum of its image children that are present; 0 while unread. */
    private long size(int v) {
        if (sizeMemoPass[v] == pass) {
            return sizeMemo[v];
        }
        ManifestDocument document = manifests[v];
        long size = 0;
        Map<String, Long> byPlatform = new LinkedHashMap<>();
        if (document != null && !sizing.get(v)) {
            sizing.set(v);
            if (document.isIndex()) {
                Set<Integer> counted = new HashSet<>();
                for (Descriptor entry : document.manifests()) {
                    Integer child = versions.position(entry.digest());
                    if (isAttestationEntry(entry) || child == null || !counted.add(child)) {
                        continue;
                    }
                    long childSize = size(child);
                    size += childSize;
                    if (entry.platform() != null && !entry.platform().unknown()) {
                        byPlatform.merge(entry.platform().toString(), childSize, Long::sum);
                    } else {
                        sizeByPlatformMemo.get(child).forEach((platform, bytes) -> byPlatform.merge(platform, bytes, Long::sum));
                    }
                }
            } else {
                size = document.compressedSize();
                for (Listing listing : listings.get(v)) {
                    Platform platform = listing.entry().platform();
                    if (platform != null && !platform.unknown()) {
                        byPlatform.put(platform.toString(), size);
                    }
                }
            }
            sizing.clear(v);
        }
        sizeMemo[v] = size;
        sizeMemoPass[v] = pass;
        sizeByPlatformMemo.set(v, byPlatform);
        return size;
    }

    private Map<String, Long> sizeByPlatform(int v) {
        size(v);
        return sizeByPlatformMemo.get(v);
    }

    /** Its {@code subject}, the digest a referrer-scheme tag or its referrers index names, or the image a buildx attestation is of. */
    private String subjectDigest(int v, ManifestDocument document) {
        if (document != null && document.subject() != null) {
            return document.subject().digest();
        }
        for (String tag : versions.list().get(v).tags()) {
            ReferrerTags.Parsed parsed = ReferrerTags.parse(tag);
            if (parsed != null) {
                return parsed.subjectDigest();
            }
        }
        for (Listing listing : listings.get(v)) {
            if (referrersIndex[listing.index()] && document == null) {
                return bareTagSubjectDigest(listing.index());
            }
            if (isAttestationEntry(listing.entry()) && listing.entry().annotations().get(REFERENCE_DIGEST) != null) {
                return listing.entry().annotations().get(REFERENCE_DIGEST);
            }
        }
        return null;
    }

    private void insertListing(int child, Listing listing) {
        List<Listing> current = listings.get(child);
        List<Listing> updated = new ArrayList<>(current.size() + 1);
        boolean inserted = false;
        for (Listing existing : current) {
            if (!inserted && existing.index() > listing.index()) {
                updated.add(listing);
                inserted = true;
            }
            updated.add(existing);
        }
        if (!inserted) {
            updated.add(listing);
        }
        listings.set(child, updated);
    }

    private void setSubject(int v, int subject) {
        int old = subjectOf[v];
        if (old == subject) {
            return;
        }
        if (old >= 0) {
            subjectReferrers[old] = without(subjectReferrers[old], v);
            membersDirty.set(old);
        }
        if (subject >= 0) {
            subjectReferrers[subject] = with(subjectReferrers[subject], v);
            membersDirty.set(subject);
        }
        subjectOf[v] = subject;
        dirty.set(v);
    }

    /** Indexes above {@code v}, transitively: their sizes and platforms include it. */
    private void markIndexesAbove(int v) {
        Deque<Integer> queue = new ArrayDeque<>();
        Set<Integer> seen = new HashSet<>();
        queue.add(v);
        while (!queue.isEmpty()) {
            for (Listing listing : listings.get(queue.poll())) {
                if (seen.add(listing.index())) {
                    dirty.set(listing.index());
                    queue.add(listing.index());
                }
            }
        }
    }

    private boolean isReadIndex(int v) {
        return manifests[v] != null && manifests[v].isIndex();
    }

    /** The present version a referrers index's bare {@code sha256-<hex>} tag names, or -1. */
    private int bareTagSubject(int v) {
        String digest = bareTagSubjectDigest(v);
        Integer subject = digest == null ? null : versions.position(digest);
        return subject == null || subject == v ? -1 : subject;
    }

    private String bareTagSubjectDigest(int v) {
        for (String tag : versions.list().get(v).tags()) {
            ReferrerTags.Parsed parsed = ReferrerTags.parse(tag);
            if (parsed != null && parsed.suffix() == ReferrerTags.Suffix.NONE) {
                return parsed.subjectDigest();
            }
        }
        return null;
    }

    /** An OCI or Docker image manifest: it lists no further manifests (docs/ghcr-platform.md §8.1). */
    private static boolean isImageManifest(Descriptor entry) {
        return MediaTypes.OCI_MANIFEST.equals(entry.mediaType()) || MediaTypes.DOCKER_MANIFEST.equals(entry.mediaType());
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

    private static int[] with(int[] sorted, int value) {
        int at = Arrays.binarySearch(sorted, value);
        if (at >= 0) {
            return sorted;
        }
        int insert = -at - 1;
        int[] result = new int[sorted.length + 1];
        System.arraycopy(sorted, 0, result, 0, insert);
        result[insert] = value;
        System.arraycopy(sorted, insert, result, insert + 1, sorted.length - insert);
        return result;
    }

    private static int[] without(int[] sorted, int value) {
        int at = Arrays.binarySearch(sorted, value);
        if (at < 0) {
            return sorted;
        }
        int[] result = new int[sorted.length - 1];
        System.arraycopy(sorted, 0, result, 0, at);
        System.arraycopy(sorted, at + 1, result, at, sorted.length - at - 1);
        return result;
    }
}
