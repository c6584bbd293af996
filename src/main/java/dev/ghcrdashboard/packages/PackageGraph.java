package dev.ghcrdashboard.packages;

import dev.ghcrdashboard.github.PackageVersion;
import dev.ghcrdashboard.registry.ManifestDocument;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
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
 * <p>A version whose manifest is unread can still be placed, from what read indexes and its tags say
 * (see {@link GraphAssembly}); only a version nothing places is {@link VersionKind#UNKNOWN}.
 *
 * <p>Building is linear in versions plus manifest entries. The graph is immutable.
 */
public final class PackageGraph {

    /** Newest first, ties by id descending: the order every listing of this graph uses. */
    static final Comparator<PackageVersion> NEWEST_FIRST = Comparator
            .comparing(PackageVersion::createdAt, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
            .thenComparing(Comparator.comparingLong(PackageVersion::id).reversed());

    /**
     * A package's active versions in graph order (newest first, each digest once, its newest version), with
     * where each digest and id sits: built once per listing and shared by every graph of it.
     */
    record Versions(List<PackageVersion> list, Map<String, Integer> byDigest, Map<Long, Integer> byId) {

        static Versions of(List<PackageVersion> listed) {
            List<PackageVersion> sorted = new ArrayList<>(listed);
            sorted.sort(NEWEST_FIRST);
            List<PackageVersion> unique = new ArrayList<>(sorted.size());
            Map<String, Integer> byDigest = new HashMap<>();
            Map<Long, Integer> byId = new HashMap<>();
            for (PackageVersion version : sorted) {
                if (byDigest.putIfAbsent(version.digest(), unique.size()) == null) {
                    byId.put(version.id(), unique.size());
                    unique.add(version);
                }
            }
            return new Versions(Collections.unmodifiableList(unique), Collections.unmodifiableMap(byDigest),
                    Collections.unmodifiableMap(byId));
        }

        Integer position(String digest) {
            return byDigest.get(digest);
        }
    }

    private final Versions versions;
    private final VersionNode[] nodes;
    private final List<VersionNode> nodeList;
    private final int[][] members;
    private final ManifestDocument[] manifests;
    private final List<VersionNode> roots;
    private final BitSet rootPositions = new BitSet();
    private final boolean complete;

    /** Takes the arrays as they are: the caller hands over copies nobody changes any more. */
    PackageGraph(Versions versions, VersionNode[] nodes, int[][] members, ManifestDocument[] manifests, boolean complete) {
        this.versions = versions;
        this.nodes = nodes;
        this.nodeList = Collections.unmodifiableList(Arrays.asList(nodes));
        this.members = members;
        this.manifests = manifests;
        this.complete = complete;
        this.roots = findRoots();
    }

    /**
     * Builds the graph of a package's active versions.
     *
     * @param versions the active versions; a digest listed twice keeps its newest version only
     * @param manifests parsed manifests by digest; a version whose digest is missing is placed from what
     *     the others say, or becomes {@link VersionKind#UNKNOWN} and makes the graph incomplete
     */
    public static PackageGraph build(List<PackageVersion> versions, Map<String, ManifestDocument> manifests) {
        GraphAssembly assembly = new GraphAssembly(versions);
        for (int position = 0; position < assembly.size(); position++) {
            ManifestDocument document = manifests.get(assembly.digest(position));
            if (document != null) {
                assembly.add(document);
            }
        }
        return assembly.snapshot();
    }

    /** Every node, newest first. */
    public List<VersionNode> nodes() {
        return nodeList;
    }

    public int size() {
        return nodes.length;
    }

    public Optional<VersionNode> byDigest(String digest) {
        Integer position = versions.position(digest);
        return position == null ? Optional.empty() : Optional.of(nodes[position]);
    }

    public Optional<VersionNode> byId(long id) {
        Integer position = versions.byId().get(id);
        return position == null ? Optional.empty() : Optional.of(nodes[position]);
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
        Integer position = versions.position(node.digest());
        return position != null && rootPositions.get(position);
    }

    /** What directly belongs to {@code node} — index children first, then referrers — for display under it. */
    public List<VersionNode> belongingTo(VersionNode node) {
        Integer position = versions.position(node.digest());
        if (position == null) {
            return List.of();
        }
        int[] belonging = members[position];
        List<VersionNode> result = new ArrayList<>(belonging.length);
        for (int member : belonging) {
            result.add(nodes[member]);
        }
        return result;
    }

    /**
     * The digests that go when {@code node} goes: the node itself and everything that belongs to
     * it, transitively (a nested index's children, referrers of referrers).
     */
    public Set<String> closure(VersionNode node) {
        Set<String> seen = new LinkedHashSet<>();
        Integer start = versions.position(node.digest());
        seen.add(node.digest());
        if (start == null) {
            return seen;
        }
        Deque<Integer> queue = new ArrayDeque<>();
        queue.add(start);
        while (!queue.isEmpty()) {
            for (int member : members[queue.poll()]) {
                if (seen.add(nodes[member].digest())) {
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
            int position = versions.position(queue.poll());
            VersionNode current = nodes[position];
            if (rootPositions.get(position)) {
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
        Integer position = versions.position(digest);
        return position == null ? Optional.empty() : Optional.ofNullable(manifests[position]);
    }

    /** Whether every version is placed (read, or described by what was read); until it is, nothing counts as orphaned. */
    public boolean complete() {
        return complete;
    }

    /** Nodes with no present owner; then one representative per ownerless-in-a-loop group. */
    private List<VersionNode> findRoots() {
        List<VersionNode> found = new ArrayList<>();
        BitSet reached = new BitSet(nodes.length);
        Deque<Integer> queue = new ArrayDeque<>();
        for (int position = 0; position < nodes.length; position++) {
            if (nodes[position].ownerDigests().isEmpty()) {
                found.add(nodes[position]);
                rootPositions.set(position);
                reach(position, reached, queue);
            }
        }
        if (reached.cardinality() < nodes.length) {
            // Only tags that name each other in a loop get here; nodes are newest first.
            for (int position = reached.nextClearBit(0); position < nodes.length; position = reached.nextClearBit(position + 1)) {
                found.add(nodes[position]);
                rootPositions.set(position);
                reach(position, reached, queue);
            }
            found.sort(Comparator.comparing(VersionNode::version, NEWEST_FIRST));
        }
        return Collections.unmodifiableList(found);
    }

    private void reach(int start, BitSet reached, Deque<Integer> queue) {
        if (reached.get(start)) {
            return;
        }
        reached.set(start);
        queue.add(start);
        while (!queue.isEmpty()) {
            for (int member : members[queue.poll()]) {
                if (!reached.get(member)) {
                    reached.set(member);
                    queue.add(member);
                }
            }
        }
    }
}
