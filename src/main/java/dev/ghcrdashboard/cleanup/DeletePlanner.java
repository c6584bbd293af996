package dev.ghcrdashboard.cleanup;

import dev.ghcrdashboard.common.Names;
import dev.ghcrdashboard.packages.PackageGraph;
import dev.ghcrdashboard.packages.VersionKind;
import dev.ghcrdashboard.packages.VersionNode;
import dev.ghcrdashboard.registry.Descriptor;
import dev.ghcrdashboard.registry.ManifestDocument;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Turns a cleanup request into a {@link DeletePlan} that never breaks an image that stays and never takes a tag
 * the rules did not name.
 *
 * <p>Picks choose roots (units) whole. Each rule group selects roots whose every selecting rule holds, keeps the
 * newest of them when it has a keep rule, and — when it has a tag rule — names the tags it removes: a root all of
 * whose tags the rules name is deleted, one with other tags too only loses the named ones (an untag). The plan is
 * the union of the picks and the groups. A unit goes with its closure, except what also belongs
 * to something that stays: a root that stays, a version with its own tags, or — while some
 * manifests are unread — any untagged or unread version, because an unread index may list it.
 * Unread roots are never deleted by a rule, and while another manifest is unread no root that
 * could be a platform manifest (untagged, a plain manifest, or unread) is deleted at all. Pure and deterministic: the same graph and request always give the same
 * plan; safe to share between threads.
 */
final class DeletePlanner {

    /**
     * Plans a cleanup.
     *
     * @throws InvalidPatternException when a tag pattern cannot be evaluated (including a
     *     {@link PatternTooExpensiveException})
     */
    public DeletePlan plan(PackageGraph graph, CleanupRequest request, PlanContext context) {
        return new Planning(graph, request, context).plan();
    }

    private static final class Planning {

        private final PackageGraph graph;
        private final CleanupRequest request;
        private final PlanContext context;
        private final Map<String, PlanItem.Reason> unitReasons = new HashMap<>();
        /** Root digest → why the rules selected it whole. */
        private final Map<String, String> unitWhy = new HashMap<>();
        /** Root digest → what a keep rule keeps it among, for roots nothing else selects. */
        private final Map<String, String> keptByRule = new LinkedHashMap<>();
        /** Images a group selected whole, or whose named tags were all releases, kept by {@link KeepReleases}: their release tags. */
        private final Map<String, String> keptAsRelease = new LinkedHashMap<>();
        /** Root digest → the tags the rules name on a root that keeps others, and why. */
        private final Map<String, Set<String>> untagTags = new LinkedHashMap<>();
        private final Map<String, Set<String>> untagWhy = new HashMap<>();
        private final List<VersionNode> pickedNonRoots = new ArrayList<>();
        private final Map<String, KeptItem> kept = new LinkedHashMap<>();
        private final Map<String, RefusedItem> refused = new LinkedHashMap<>();
        private final List<Warning> warnings = new ArrayList<>();

        Planning(PackageGraph graph, CleanupRequest request, PlanContext context) {
            this.graph = graph;
            this.request = request;
            this.context = context;
        }

        DeletePlan plan() {
            pick();
            for (int group = 0; group < request.groups().size(); group++) {
                select(request.groups().get(group), request.groups().size() == 1 ? "" : "group " + (group + 1) + ", ");
            }
            List<VersionNode> deletingRoots = deletingRoots();

            Map<String, VersionNode> unitOf = new LinkedHashMap<>();
            for (VersionNode root : deletingRoots) {
                for (String digest : graph.closure(root)) {
                    unitOf.putIfAbsent(digest, root);
                }
            }
            Set<String> deletingRootDigests = new HashSet<>();
            deletingRoots.forEach(root -> deletingRootDigests.add(root.digest()));

            Set<String> waiting = new HashSet<>();
            Map<String, VersionNode> keeperOf = keepers(anchors(unitOf.keySet(), deletingRootDigests, waiting));

            Set<String> deleting = new LinkedHashSet<>();
            for (String digest : unitOf.keySet()) {
                VersionNode keeper = keeperOf.get(digest);
                if (keeper == null) {
                    deleting.add(digest);
                } else {
                    keep(node(digest), keeper, waiting);
                }
            }
            for (VersionNode node : pickedNonRoots) {
                if (!deleting.contains(node.digest()) && !kept.containsKey(node.digest()) && !refused.containsKey(node.digest())) {
                    VersionNode keeper = graph.rootsOf(node).get(0);
                    kept.put(node.digest(), new KeptItem(node, KeptItem.Reason.STILL_USED, keeper.digest(), keeper.names()));
                }
            }

            List<VersionNode> ordered = executionOrder(deleting, unitOf);
            boolean offerPackageDelete = false;
            if (!ordered.isEmpty() && ordered.size() == graph.size()) {
                VersionNode last = ordered.remove(ordered.size() - 1);
                refused.put(last.digest(), new RefusedItem(last, RefusedItem.Reason.LAST_VERSION));
                offerPackageDelete = true;
            }
            List<PlanItem> items = new ArrayList<>(ordered.size());
            Set<String> deleted = new HashSet<>();
            boolean touchesTagged = false;
            for (VersionNode node : ordered) {
                VersionNode unit = unitOf.get(node.digest());
                PlanItem.Reason reason = unit == node ? unitReasons.get(node.digest()) : PlanItem.Reason.GOES_WITH;
                items.add(new PlanItem(node, reason, unit.digest(), unit.names(),
                        reason == PlanItem.Reason.MATCHED_RULE ? unitWhy.get(node.digest()) : null));
                deleted.add(node.digest());
                touchesTagged |= node.named();
            }
            warn(items);
            return new DeletePlan(items, untags(), List.copyOf(kept.values()), List.copyOf(refused.values()), warnings,
                    reclaimedBytes(deleted), touchesTagged, offerPackageDelete);
        }

        /**
         * What one rule group selects. Its candidates are the roots every selecting rule holds for (each tag rule
         * naming at least one tag), or — when it has only a keep rule — every tagged (untagged) root. Candidates come
         * newest first, so the keep rule keeps the first ones of its kind; the rest are deleted, or untagged when the
         * group's tag rules name some of their tags but not all.
         */
        private void select(RuleGroup group, String label) {
            List<Predicate<VersionNode>> selectors = new ArrayList<>();
            List<TagMatcher> matchers = new ArrayList<>();
            for (Criterion criterion : group.selectors()) {
                if (criterion instanceof UntaggedOrphans) {
                    selectors.add(VersionNode::orphaned);
                } else if (criterion instanceof OlderThan olderThan) {
                    Instant cutoff = context.now().minus(Duration.ofDays(olderThan.days()));
                    selectors.add(node -> node.version().createdAt() != null && node.version().createdAt().isBefore(cutoff));
                } else if (criterion instanceof TagPattern tagPattern) {
                    matchers.add(new TagMatcher(tagPattern));
                }
            }
            boolean keepsUntagged = group.keepsUntagged();
            String selection = group.selection();
            int keepLeft = group.keepCount();
            for (VersionNode root : graph.roots()) {
                List<String> named = null;
                if (selectors.isEmpty() && matchers.isEmpty()) {
                    if (root.named() == keepsUntagged) {
                        continue;
                    }
                } else {
                    if (!selectors.stream().allMatch(selector -> selector.test(root))) {
                        continue;
                    }
                    if (!matchers.isEmpty()) {
                        named = namedTags(root, matchers);
                        if (named.isEmpty()) {
                            continue;
                        }
                    }
                }
                if (group.hasKeep() && root.named() != keepsUntagged && keepLeft > 0) {
                    keepLeft--;
                    keptByRule.putIfAbsent(root.digest(), group.keepCount() + " newest " + selection);
                    continue;
                }
                if (group.keepsReleases()) {
                    List<String> releases = KeepReleases.releasesAmong(root.tags());
                    if (!releases.isEmpty()) {
                        // Whole images with a release stay whole; a tag rule loses only the tags that are no release.
                        List<String> others = named == null ? List.of() : named.stream().filter(tag -> !releases.contains(tag)).toList();
                        if (others.isEmpty()) {
                            keptAsRelease.putIfAbsent(root.digest(), String.join(", ", releases));
                            continue;
                        }
                        named = others;
                    }
                }
                String why = label + selection + (group.hasKeep() ? ", not among the " + group.keepCount() + " newest" : "");
                if (named == null || named.containsAll(root.tags())) {
                    if (unitReasons.putIfAbsent(root.digest(), PlanItem.Reason.MATCHED_RULE) == null) {
                        unitWhy.put(root.digest(), named == null ? why : why + "; they name all its tags (" + String.join(", ", named) + ")");
                    }
                } else {
                    untagTags.computeIfAbsent(root.digest(), digest -> new LinkedHashSet<>()).addAll(named);
                    untagWhy.computeIfAbsent(root.digest(), digest -> new LinkedHashSet<>()).add(why);
                }
            }
        }

        /** The tags every tag rule of a group names, in the root's order. */
        private static List<String> namedTags(VersionNode root, List<TagMatcher> matchers) {
            List<String> named = new ArrayList<>();
            for (String tag : root.tags()) {
                if (matchers.stream().allMatch(matcher -> matcher.names(tag)) && !named.contains(tag)) {
                    named.add(tag);
                }
            }
            return named;
        }

        /**
         * Roots that stay and lose the tags the groups name. Groups that together name every tag of a root delete it
         * instead (decided before the deletions are planned, see {@link #deletingRoots}).
         */
        private List<UntagItem> untags() {
            List<UntagItem> untags = new ArrayList<>();
            for (VersionNode root : graph.roots()) {
                Set<String> tags = untagTags.get(root.digest());
                if (tags == null || unitReasons.containsKey(root.digest())) {
                    continue;
                }
                List<String> removed = root.tags().stream().filter(tags::contains).distinct().toList();
                List<String> remaining = root.tags().stream().filter(tag -> !tags.contains(tag)).toList();
                untags.add(new UntagItem(root, removed, remaining, String.join("; ", untagWhy.get(root.digest()))));
            }
            return untags;
        }

        private void pick() {
            List<Long> missing = new ArrayList<>();
            for (Long id : new TreeSet<>(request.selectedVersionIds())) {
                VersionNode node = graph.byId(id).orElse(null);
                if (node == null) {
                    missing.add(id);
                } else if (graph.isRoot(node)) {
                    unitReasons.put(node.digest(), PlanItem.Reason.SELECTED);
                } else {
                    pickedNonRoots.add(node);
                }
            }
            if (!missing.isEmpty()) {
                warnings.add(new Warning(Warning.Code.VERSION_NOT_FOUND, missing.size() + (missing.size() == 1 ? " picked version is" : " picked versions are")
                        + " no longer an active version of this package and " + (missing.size() == 1 ? "was" : "were") + " left out (ids " + join(missing) + ")."));
            }
        }

        private List<VersionNode> deletingRoots() {
            // Groups that together name every tag of a root delete it, as one group naming them all would.
            untagTags.forEach((digest, tags) -> {
                VersionNode root = node(digest);
                if (!unitReasons.containsKey(digest) && tags.containsAll(root.tags())) {
                    unitReasons.put(digest, PlanItem.Reason.MATCHED_RULE);
                    unitWhy.put(digest, String.join("; ", untagWhy.get(digest)) + "; together they name all its tags ("
                            + String.join(", ", root.tags()) + ")");
                }
            });
            for (VersionNode root : graph.roots()) {
                if (unitReasons.containsKey(root.digest()) || untagTags.containsKey(root.digest())) {
                    continue;
                }
                String keptBecause = keptByRule.get(root.digest());
                String release = keptAsRelease.get(root.digest());
                if (keptBecause != null) {
                    kept.put(root.digest(), new KeptItem(root, KeptItem.Reason.KEEP_NEWEST, root.digest(), root.names(), keptBecause));
                } else if (release != null) {
                    kept.put(root.digest(), new KeptItem(root, KeptItem.Reason.RELEASE, root.digest(), root.names(), release));
                }
            }
            long unread = graph.nodes().stream().filter(node -> node.kind() == VersionKind.UNKNOWN).count();
            List<VersionNode> deletingRoots = new ArrayList<>();
            for (VersionNode root : graph.roots()) {
                PlanItem.Reason reason = unitReasons.get(root.digest());
                if (reason == null) {
                    continue;
                }
                if (root.kind() == VersionKind.UNKNOWN && reason == PlanItem.Reason.MATCHED_RULE) {
                    refused.put(root.digest(), new RefusedItem(root, RefusedItem.Reason.UNKNOWN_STRUCTURE));
                } else if (mayBePartOfAnUnreadIndex(root, unread)) {
                    refused.put(root.digest(), new RefusedItem(root, RefusedItem.Reason.GRAPH_INCOMPLETE));
                } else {
                    deletingRoots.add(root);
                }
            }
            return deletingRoots;
        }

        /**
         * Whether {@code root} only looks like a root because some other manifest is unread: an
         * unread index may list it. Platform manifests are untagged (buildx) or plain tagged
         * manifests ({@code docker manifest create}); indexes and signatures are not listed by
         * image indexes, so they stay deletable.
         */
        private static boolean mayBePartOfAnUnreadIndex(VersionNode root, long unread) {
            long otherUnread = unread - (root.kind() == VersionKind.UNKNOWN ? 1 : 0);
            return otherUnread > 0 && (!root.tagged() || root.kind() == VersionKind.IMAGE || root.kind() == VersionKind.UNKNOWN);
        }

        /**
         * What stays with everything that belongs to it: roots that stay, parts of deleted units
         * with tags of their own, and — while manifests are unread — untagged or unread parts
         * (collected into {@code waiting}).
         */
        private List<VersionNode> anchors(Set<String> candidates, Set<String> deletingRootDigests, Set<String> waiting) {
            List<VersionNode> anchors = new ArrayList<>();
            for (VersionNode root : graph.roots()) {
                if (!deletingRootDigests.contains(root.digest())) {
                    anchors.add(root);
                }
            }
            for (String digest : candidates) {
                VersionNode node = node(digest);
                if (deletingRootDigests.contains(digest)) {
                    continue;
                }
                if (node.named()) {
                    anchors.add(node);
                } else if (!graph.complete() && (!node.tagged() || node.kind() == VersionKind.UNKNOWN)) {
                    anchors.add(node);
                    waiting.add(digest);
                }
            }
            return anchors;
        }

        /** For every version that must stay, the first anchor (in order) whose closure holds it. */
        private Map<String, VersionNode> keepers(List<VersionNode> anchors) {
            Map<String, VersionNode> keeperOf = new HashMap<>();
            Deque<VersionNode> queue = new ArrayDeque<>();
            for (VersionNode anchor : anchors) {
                if (keeperOf.putIfAbsent(anchor.digest(), anchor) != null) {
                    continue;
                }
                queue.add(anchor);
                while (!queue.isEmpty()) {
                    for (VersionNode member : graph.belongingTo(queue.poll())) {
                        if (keeperOf.putIfAbsent(member.digest(), anchor) == null) {
                            queue.add(member);
                        }
                    }
                }
            }
            return keeperOf;
        }

        private void keep(VersionNode node, VersionNode keeper, Set<String> waiting) {
            KeptItem item;
            if (waiting.contains(keeper.digest())) {
                item = new KeptItem(node, KeptItem.Reason.WAITING_FOR_UNREAD_MANIFESTS, keeper.digest(), keeper.names());
            } else if (keeper == node) {
                item = new KeptItem(node, KeptItem.Reason.OWN_TAGS, node.digest(), node.names());
            } else {
                item = new KeptItem(node, KeptItem.Reason.STILL_USED, keeper.digest(), keeper.names());
            }
            kept.put(node.digest(), item);
        }

        /**
         * Owners before what they hold (see {@link DeletePlan}); units in root order; within a
         * unit, breadth first. Versions that only own each other in a loop follow in unit order.
         */
        private List<VersionNode> executionOrder(Set<String> deleting, Map<String, VersionNode> unitOf) {
            Map<String, Integer> sequence = new HashMap<>();
            for (String digest : unitOf.keySet()) {
                if (deleting.contains(digest)) {
                    sequence.put(digest, sequence.size());
                }
            }
            Map<String, Integer> waitingOwners = new HashMap<>();
            PriorityQueue<String> ready = new PriorityQueue<>(Comparator.comparing(sequence::get));
            for (String digest : deleting) {
                int owners = 0;
                for (String owner : node(digest).ownerDigests()) {
                    owners += deleting.contains(owner) ? 1 : 0;
                }
                waitingOwners.put(digest, owners);
                if (owners == 0) {
                    ready.add(digest);
                }
            }
            List<VersionNode> ordered = new ArrayList<>(deleting.size());
            Set<String> emitted = new HashSet<>();
            while (!ready.isEmpty()) {
                VersionNode node = node(ready.poll());
                ordered.add(node);
                emitted.add(node.digest());
                for (VersionNode member : graph.belongingTo(node)) {
                    if (deleting.contains(member.digest()) && waitingOwners.merge(member.digest(), -1, Integer::sum) == 0) {
                        ready.add(member.digest());
                    }
                }
            }
            for (String digest : deleting) {
                if (!emitted.contains(digest)) {
                    ordered.add(node(digest));
                }
            }
            return ordered;
        }

        /** Blobs only deleted manifests use; blobs shared with a staying manifest free nothing. */
        private long reclaimedBytes(Set<String> deleted) {
            Map<String, Long> freed = new HashMap<>();
            long undigested = 0;
            for (String digest : deleted) {
                ManifestDocument document = graph.manifest(digest).orElse(null);
                for (Descriptor blob : blobs(document)) {
                    if (blob.digest() == null) {
                        undigested += blob.size();
                    } else {
                        freed.put(blob.digest(), blob.size());
                    }
                }
            }
            for (VersionNode node : graph.nodes()) {
                if (!deleted.contains(node.digest())) {
                    for (Descriptor blob : blobs(graph.manifest(node.digest()).orElse(null))) {
                        if (blob.digest() != null) {
                            freed.remove(blob.digest());
                        }
                    }
                }
            }
            long total = undigested;
            for (long size : freed.values()) {
                total += size;
            }
            return total;
        }

        private static List<Descriptor> blobs(ManifestDocument document) {
            if (document == null || document.isIndex()) {
                return List.of();
            }
            List<Descriptor> blobs = new ArrayList<>(document.layers().size() + 1);
            if (document.config() != null) {
                blobs.add(document.config());
            }
            blobs.addAll(document.layers());
            return blobs;
        }

        private void warn(List<PlanItem> items) {
            if (request.groups().stream().anyMatch(group -> !group.tagPatterns().isEmpty())) {
                Set<String> unreachable = new TreeSet<>();
                graph.roots().forEach(root -> root.tags().stream().filter(tag -> !Names.isValidTag(tag)).map(Names::visible).forEach(unreachable::add));
                if (!unreachable.isEmpty()) {
                    warnings.add(new Warning(Warning.Code.TAGS_NOT_REACHED, "Tag rules never reach " + (unreachable.size() == 1 ? "this tag, which is"
                            : "these " + unreachable.size() + " tags, which are") + " not valid OCI tags and may only look like a pattern: "
                            + String.join(", ", unreachable.stream().limit(10).toList()) + (unreachable.size() > 10 ? ", …" : "") + "."));
                }
            }
            if (context.packagePublic() && !items.isEmpty()) {
                warnings.add(new Warning(Warning.Code.PUBLIC_DOWNLOAD_LIMIT, "This package is public: GitHub refuses to delete a public"
                        + " version downloaded more than 5,000 times, and no API tells the count. Such deletions will fail and be reported."));
            }
            if (!graph.complete()) {
                long unread = graph.nodes().stream().filter(node -> node.kind() == VersionKind.UNKNOWN).count();
                warnings.add(new Warning(Warning.Code.GRAPH_INCOMPLETE, unread + (unread == 1 ? " manifest" : " manifests")
                        + " of this package could not be read yet. Until they are, no version counts as an orphan, and untagged"
                        + " versions stay even when the image they belong to is deleted."));
            }
        }

        private VersionNode node(String digest) {
            return graph.byDigest(digest).orElseThrow();
        }

        private static String join(List<Long> ids) {
            StringBuilder joined = new StringBuilder();
            for (Long id : ids) {
                joined.append(joined.length() == 0 ? "" : ", ").append(id);
            }
            return joined.toString();
        }
    }
}
