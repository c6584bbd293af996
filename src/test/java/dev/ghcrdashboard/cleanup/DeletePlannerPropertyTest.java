package dev.ghcrdashboard.cleanup;

import dev.ghcrdashboard.github.PackageVersion;
import dev.ghcrdashboard.packages.PackageFixture;
import dev.ghcrdashboard.packages.PackageGraph;
import dev.ghcrdashboard.packages.VersionKind;
import dev.ghcrdashboard.packages.VersionNode;
import dev.ghcrdashboard.registry.Descriptor;
import dev.ghcrdashboard.registry.ManifestDocument;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static dev.ghcrdashboard.packages.Manifests.attestationEntry;
import static dev.ghcrdashboard.packages.Manifests.buildxAttestation;
import static dev.ghcrdashboard.packages.Manifests.cosignSignature;
import static dev.ghcrdashboard.packages.Manifests.cosignTag;
import static dev.ghcrdashboard.packages.Manifests.entry;
import static dev.ghcrdashboard.packages.Manifests.image;
import static dev.ghcrdashboard.packages.Manifests.index;
import static dev.ghcrdashboard.packages.Manifests.platform;
import static dev.ghcrdashboard.packages.Manifests.referrer;
import static dev.ghcrdashboard.packages.Manifests.referrersTag;
import static dev.ghcrdashboard.packages.Manifests.sigstoreBundle;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random packages (multi-arch images with attestations, shared platform manifests, nested
 * indexes, cosign tags, referrers, orphans, unread manifests, images with several tags, tags outside
 * the OCI grammar) × random requests (picks and up to three rule groups), checked against the safety
 * invariants and an independent oracle of what the rules select: no tag the rules did not name is
 * ever lost, and nothing that stays loses a part. A failure names its seed; {@code -Dplanner.seed=N}
 * replays just that one.
 */
class DeletePlannerPropertyTest {

    private static final int SEEDS = 500;
    private static final String[] TAG_PREFIXES = {"v", "pr-", "main-", "release-1.", "dev"};
    private static final String[] GLOBS = {"pr-*", "v*", "main-?", "release-1.*", "*1", "dev*", "*", "v1?"};
    /** Tags GitHub has returned that break the OCI grammar: they look like v-tags but no rule may reach them. */
    private static final String[] LOOK_ALIKES = {"\uFF56" + "7", "v\u200B8", "v\u0338" + "9", "\u2174" + "1"};
    private static final String[] PLATFORMS = {"linux/amd64", "linux/arm64/v8", "linux/arm/v7", "linux/s390x"};

    private final DeletePlanner planner = new DeletePlanner();

    @Test
    void plansNeverBreakWhatStays() {
        String only = System.getProperty("planner.seed");
        long first = only == null ? 0 : Long.parseLong(only);
        long last = only == null ? SEEDS - 1 : first;
        int plansWithDeletions = 0;
        int plansWithKept = 0;
        int plansWithRefusals = 0;
        int lastVersionPlans = 0;
        int plansWithUntags = 0;
        for (long seed = first; seed <= last; seed++) {
            try {
                DeletePlan plan = check(seed);
                plansWithDeletions += plan.toDelete().isEmpty() ? 0 : 1;
                plansWithKept += plan.kept().isEmpty() ? 0 : 1;
                plansWithRefusals += plan.refused().isEmpty() ? 0 : 1;
                lastVersionPlans += plan.offerPackageDelete() ? 1 : 0;
                plansWithUntags += plan.toUntag().isEmpty() ? 0 : 1;
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("Invariant broken for seed " + seed + " (replay: -Dplanner.seed=" + seed + "): " + e.getMessage(), e);
            }
        }
        System.out.printf("planner properties: %d seeds, %d plans delete, %d untag, %d keep, %d refuse, %d hit the last version%n",
                last - first + 1, plansWithDeletions, plansWithUntags, plansWithKept, plansWithRefusals, lastVersionPlans);
        if (only == null) {
            // The generator must actually exercise deletions and keeps, or the invariants prove nothing.
            assertThat(plansWithDeletions).isGreaterThan(SEEDS / 4);
            assertThat(plansWithKept).isGreaterThan(SEEDS / 20);
            assertThat(plansWithUntags).isGreaterThan(SEEDS / 20);
        }
    }

    private DeletePlan check(long seed) {
        Random random = new Random(seed);
        PackageFixture pkg = new PackageFixture();
        generate(pkg, random);
        List<PackageVersion> versions = pkg.versions();
        PackageGraph graph = PackageGraph.build(versions, pkg.manifests());
        CleanupRequest request = request(random, versions);
        Instant latest = versions.get(versions.size() - 1).createdAt();
        PlanContext context = new PlanContext(latest.plus(Duration.ofDays(random.nextInt(60))), random.nextBoolean());

        DeletePlan plan = planner.plan(graph, request, context);

        List<String> order = plan.toDelete().stream().map(item -> item.node().digest()).toList();
        Set<String> deleted = new HashSet<>(order);
        Set<String> kept = new HashSet<>();
        plan.kept().forEach(item -> kept.add(item.node().digest()));
        Set<String> refused = new HashSet<>();
        plan.refused().forEach(item -> refused.add(item.node().digest()));

        // (3) every version is in at most one list, once
        assertThat(deleted).as("duplicates in toDelete").hasSize(order.size());
        assertThat(kept).as("duplicates in kept").hasSize(plan.kept().size());
        assertThat(refused).as("duplicates in refused").hasSize(plan.refused().size());
        assertThat(intersection(deleted, kept)).as("both kept and deleted").isEmpty();
        assertThat(intersection(deleted, refused)).as("both refused and deleted").isEmpty();
        assertThat(intersection(kept, refused)).as("both kept and refused").isEmpty();

        // (1) nothing that stays loses anything that belongs to it (for roots: the brief's invariant)
        for (VersionNode node : graph.nodes()) {
            if (!deleted.contains(node.digest())) {
                Set<String> closure = graph.closure(node);
                closure.retainAll(deleted);
                assertThat(closure).as("deleted parts of staying %s %s %s", node.kind(), node.tags(), node.digest()).isEmpty();
            }
        }

        // (2) nothing outside the chosen units' closures is deleted, and units were really chosen
        Oracle oracle = new Oracle(graph, request, context);
        Set<String> unitClosures = new HashSet<>();
        for (PlanItem item : plan.toDelete()) {
            if (item.reason() == PlanItem.Reason.GOES_WITH) {
                continue;
            }
            VersionNode root = item.node();
            assertThat(graph.isRoot(root)).as("unit %s is a root", root.digest()).isTrue();
            if (item.reason() == PlanItem.Reason.SELECTED) {
                assertThat(request.selectedVersionIds()).contains(root.id());
            } else {
                assertThat(oracle.deletes(root)).as("rules select %s %s whole", root.tags(), root.digest()).isTrue();
                assertThat(root.kind()).as("rule deleted an unread version").isNotEqualTo(VersionKind.UNKNOWN);
            }
            unitClosures.addAll(graph.closure(root));
        }
        assertThat(unitClosures).containsAll(deleted);

        // a version with its own pullable tags goes only when it was chosen itself
        for (PlanItem item : plan.toDelete()) {
            if (item.reason() == PlanItem.Reason.GOES_WITH) {
                assertThat(item.node().names()).as("tagged version %s deleted as part of another image", item.node().digest()).isEmpty();
            }
        }

        // every chosen root is accounted for: deleted, kept or refused; an untag removes exactly the tags the rules name
        Set<String> untagged = new HashSet<>();
        for (UntagItem item : plan.toUntag()) {
            VersionNode root = item.node();
            assertThat(untagged.add(root.digest())).as("untagged twice").isTrue();
            assertThat(graph.isRoot(root)).isTrue();
            assertThat(deleted).doesNotContain(root.digest());
            assertThat(refused).doesNotContain(root.digest());
            assertThat(oracle.deletes(root)).as("untagged %s although the rules name all its tags", root.tags()).isFalse();
            assertThat(Set.copyOf(item.removed())).as("tags removed from %s", root.tags()).isEqualTo(oracle.named(root));
            assertThat(item.remaining()).doesNotContainAnyElementsOf(item.removed()).isNotEmpty();
            assertThat(root.tags()).containsAll(item.removed()).containsAll(item.remaining());
        }
        for (VersionNode root : graph.roots()) {
            if (oracle.deletes(root)) {
                assertThat(deleted.contains(root.digest()) || refused.contains(root.digest()))
                        .as("chosen root %s %s silently dropped", root.tags(), root.digest()).isTrue();
            } else if (!oracle.named(root).isEmpty()) {
                assertThat(untagged).as("root %s loses the named tags %s", root.tags(), oracle.named(root)).contains(root.digest());
            } else {
                assertThat(deleted).as("root %s %s nobody chose", root.tags(), root.digest()).doesNotContain(root.digest());
                assertThat(untagged).doesNotContain(root.digest());
            }
        }

        // no tag the rules did not name is lost: a deleted tagged root was picked, or its every tag was named
        for (PlanItem item : plan.toDelete()) {
            if (item.reason() == PlanItem.Reason.MATCHED_RULE) {
                assertThat(oracle.named(item.node()).containsAll(item.node().tags()) || oracle.wholeByAGroup(item.node()))
                        .as("deleted %s takes tags the rules did not name", item.node().tags()).isTrue();
            }
        }
        // and a tag outside the OCI grammar is never named by a rule
        for (VersionNode root : graph.roots()) {
            for (String tag : root.tags()) {
                if (!dev.ghcrdashboard.common.Names.isValidTag(tag)) {
                    assertThat(plan.toUntag()).noneMatch(item -> item.removed().contains(tag));
                    if (deleted.contains(root.digest())) {
                        assertThat(request.selectedVersionIds().contains(root.id()) || oracle.wholeByAGroup(root))
                                .as("look-alike tag %s deleted by a tag rule", tag).isTrue();
                    }
                }
            }
        }

        // (4) never every version
        assertThat(deleted.size()).as("every version deleted").isLessThan(graph.size());
        if (plan.offerPackageDelete()) {
            assertThat(deleted.size()).isEqualTo(graph.size() - 1);
            assertThat(plan.refused()).anyMatch(item -> item.reason() == RefusedItem.Reason.LAST_VERSION);
        }

        // owners go before what they hold
        for (int i = 0; i < order.size(); i++) {
            for (String owner : graph.byDigest(order.get(i)).orElseThrow().ownerDigests()) {
                if (deleted.contains(owner)) {
                    assertThat(order.indexOf(owner)).as("owner deleted before member").isLessThan(i);
                }
            }
        }

        // an incomplete graph deletes no untagged version (it may be a platform manifest of an unread index),
        // and an unread version goes only when picked itself
        if (!graph.complete()) {
            for (PlanItem item : plan.toDelete()) {
                assertThat(item.node().tagged()).as("untagged %s deleted while manifests are unread", item.node().digest()).isTrue();
            }
        }
        long unread = graph.nodes().stream().filter(node -> node.kind() == VersionKind.UNKNOWN).count();
        for (PlanItem item : plan.toDelete()) {
            VersionKind kind = item.node().kind();
            if (kind == VersionKind.IMAGE || kind == VersionKind.UNKNOWN) {
                long otherUnread = unread - (kind == VersionKind.UNKNOWN ? 1 : 0);
                assertThat(otherUnread).as("plain manifest %s deleted while another manifest is unread", item.node().digest()).isZero();
            }
            if (kind == VersionKind.UNKNOWN) {
                assertThat(item.reason()).as("unread %s deleted without being picked", item.node().digest()).isEqualTo(PlanItem.Reason.SELECTED);
            }
        }

        // a keep rule keeps the newest of its kind among what its group selects, unless something else takes them
        for (RuleGroup group : request.groups()) {
            for (VersionNode root : oracle.keptBy(group)) {
                if (!oracle.deletes(root) && oracle.named(root).isEmpty()) {
                    assertThat(plan.kept()).as("kept %s by %s", root.tags(), group.describe())
                            .anyMatch(item -> item.node().digest().equals(root.digest()) && item.reason() == KeptItem.Reason.KEEP_NEWEST);
                }
            }
        }

        long upperBound = 0;
        for (String digest : deleted) {
            ManifestDocument document = graph.manifest(digest).orElse(null);
            upperBound += document == null ? 0 : document.compressedSize();
        }
        assertThat(plan.reclaimedBytes()).isBetween(0L, upperBound);
        assertThat(plan.touchesTaggedImage()).isEqualTo(plan.toDelete().stream().anyMatch(item -> item.node().named()));

        // (5) deterministic, whatever the input order
        List<PackageVersion> shuffled = new ArrayList<>(versions);
        Collections.shuffle(shuffled, random);
        assertThat(planner.plan(PackageGraph.build(shuffled, pkg.manifests()), request, context)).isEqualTo(plan);
        assertThat(planner.plan(graph, request, context)).isEqualTo(plan);
        return plan;
    }

    private static Set<String> intersection(Set<String> first, Set<String> second) {
        Set<String> both = new HashSet<>(first);
        both.retainAll(second);
        return both;
    }

    /** What the request selects, written independently of the planner's code. */
    private static final class Oracle {

        private final PackageGraph graph;
        private final CleanupRequest request;
        private final PlanContext context;
        private final Map<String, Set<String>> named = new HashMap<>();
        private final Set<String> whole = new HashSet<>();
        private final Map<RuleGroup, List<VersionNode>> kept = new HashMap<>();

        Oracle(PackageGraph graph, CleanupRequest request, PlanContext context) {
            this.graph = graph;
            this.request = request;
            this.context = context;
            for (RuleGroup group : request.groups()) {
                apply(group);
            }
        }

        private void apply(RuleGroup group) {
            boolean untaggedKind = group.criteria().stream().anyMatch(criterion -> criterion instanceof KeepNewest k && k.kind() == KeepNewest.Kind.UNTAGGED);
            int keep = 0;
            boolean hasKeep = false;
            List<TagPattern> patterns = new ArrayList<>();
            boolean otherSelectors = false;
            for (Criterion criterion : group.criteria()) {
                if (criterion instanceof KeepNewest k) {
                    keep = k.count();
                    hasKeep = true;
                } else if (criterion instanceof TagPattern pattern) {
                    patterns.add(pattern);
                } else {
                    otherSelectors = true;
                }
            }
            List<VersionNode> keptHere = new ArrayList<>();
            for (VersionNode root : graph.roots()) {
                boolean pullable = root.tags().stream().anyMatch(tag -> !isReferrerTag(tag));
                Set<String> tags = new HashSet<>();
                if (patterns.isEmpty() && !otherSelectors) {
                    if (pullable == untaggedKind) {
                        continue;
                    }
                } else {
                    boolean all = true;
                    for (Criterion criterion : group.criteria()) {
                        if (criterion instanceof UntaggedOrphans) {
                            all &= orphan(root);
                        } else if (criterion instanceof OlderThan olderThan) {
                            all &= root.version().createdAt().plus(Duration.ofDays(olderThan.days())).isBefore(context.now());
                        }
                    }
                    if (!all) {
                        continue;
                    }
                    if (!patterns.isEmpty()) {
                        for (String tag : root.tags()) {
                            boolean byAll = dev.ghcrdashboard.common.Names.isValidTag(tag);
                            for (TagPattern pattern : patterns) {
                                byAll &= globMatches(pattern.pattern(), 0, tag, 0) == pattern.matches();
                            }
                            if (byAll) {
                                tags.add(tag);
                            }
                        }
                        if (tags.isEmpty()) {
                            continue;
                        }
                    }
                }
                if (hasKeep && pullable != untaggedKind && keptHere.size() < keep) {
                    keptHere.add(root);
                    continue;
                }
                if (patterns.isEmpty() || tags.containsAll(root.tags())) {
                    whole.add(root.digest());
                }
                named.computeIfAbsent(root.digest(), digest -> new HashSet<>()).addAll(patterns.isEmpty() ? Set.copyOf(root.tags()) : tags);
            }
            kept.put(group, keptHere);
        }

        /** An orphan: complete graph, no present owner, and untagged or a referrer whose subject is absent. */
        private boolean orphan(VersionNode root) {
            if (!graph.complete() || !root.ownerDigests().isEmpty()) {
                return false;
            }
            if (root.tags().isEmpty()) {
                return true;
            }
            return root.tags().stream().allMatch(DeletePlannerPropertyTest::isReferrerTag)
                    && root.subjectDigest() != null && graph.byDigest(root.subjectDigest()).isEmpty();
        }

        /** Whether the root goes whole: picked, selected whole by a group, or all its tags named by the groups together. */
        boolean deletes(VersionNode root) {
            return request.selectedVersionIds().contains(root.id()) || wholeByAGroup(root)
                    || (!root.tags().isEmpty() && named(root).containsAll(root.tags()));
        }

        boolean wholeByAGroup(VersionNode root) {
            return whole.contains(root.digest());
        }

        /** The tags the groups name on a root, together (a group without a tag rule names all of a root's tags). */
        Set<String> named(VersionNode root) {
            return named.getOrDefault(root.digest(), Set.of());
        }

        List<VersionNode> keptBy(RuleGroup group) {
            return kept.getOrDefault(group, List.of());
        }
    }

    private static boolean isReferrerTag(String tag) {
        return tag.matches("sha(256|384|512)-([0-9a-f]{64}|[0-9a-f]{96}|[0-9a-f]{128})(\\.(sig|att|sbom))?");
    }

    private static boolean globMatches(String glob, int g, String text, int t) {
        if (g == glob.length()) {
            return t == text.length();
        }
        char c = glob.charAt(g);
        if (c == '*') {
            for (int skip = t; skip <= text.length(); skip++) {
                if (globMatches(glob, g + 1, text, skip)) {
                    return true;
                }
            }
            return false;
        }
        return t < text.length() && (c == '?' || c == text.charAt(t)) && globMatches(glob, g + 1, text, t + 1);
    }

    private static CleanupRequest request(Random random, List<PackageVersion> versions) {
        Set<Long> picked = new HashSet<>();
        int picks = random.nextInt(4) == 0 ? 0 : random.nextInt(4);
        for (int i = 0; i < picks; i++) {
            picked.add(versions.get(random.nextInt(versions.size())).id());
        }
        if (random.nextInt(10) == 0) {
            picked.add(999_999L);
        }
        List<RuleGroup> groups = new ArrayList<>();
        int count = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(random.nextInt(3) == 0 ? 3 : 1);
        for (int g = 0; g < count; g++) {
            groups.add(group(random));
        }
        return new CleanupRequest(picked, groups);
    }

    private static RuleGroup group(Random random) {
        List<Criterion> criteria = new ArrayList<>();
        if (random.nextInt(3) == 0) {
            criteria.add(new UntaggedOrphans());
        }
        if (random.nextInt(5) < 2) {
            criteria.add(new OlderThan(random.nextInt(120)));
        }
        if (random.nextInt(2) == 0) {
            TagPattern glob = TagPattern.glob(GLOBS[random.nextInt(GLOBS.length)]);
            criteria.add(random.nextInt(3) == 0 ? glob.negated() : glob);
        }
        int keep = random.nextInt(6);
        if (keep == 0) {
            criteria.add(KeepNewest.tagged(random.nextInt(4)));
        } else if (keep == 1) {
            criteria.add(KeepNewest.untagged(random.nextInt(3)));
        }
        return new RuleGroup(criteria);
    }

    /** Pushes a random but realistic history into {@code pkg}. */
    private static void generate(PackageFixture pkg, Random random) {
        Generator generator = new Generator(pkg, random);
        int steps = 1 + random.nextInt(25);
        for (int i = 0; i < steps; i++) {
            generator.step();
        }
    }

    private static final class Generator {

        private final PackageFixture pkg;
        private final Random random;
        private final boolean leaveSomeUnread;
        private final List<ManifestDocument> subjects = new ArrayList<>();
        private final List<ManifestDocument> platformImages = new ArrayList<>();
        private final Map<String, Integer> tagCounters = new HashMap<>();
        private int labels;

        Generator(PackageFixture pkg, Random random) {
            this.pkg = pkg;
            this.random = random;
            this.leaveSomeUnread = random.nextInt(5) == 0;
        }

        void step() {
            pkg.wait(Duration.ofDays(random.nextInt(30)).plusMinutes(random.nextInt(600)));
            switch (random.nextInt(8)) {
                case 0 -> push(image(label(), size()), random.nextInt(4) == 0 ? manyTags() : tags());
                case 1, 2 -> push(multiArch(), random.nextInt(4) == 0 ? manyTags() : tags());
                case 3 -> nested();
                case 4 -> cosign();
                case 5 -> referrers();
                case 6 -> push(image(label(), size()));
                default -> taggedChild();
            }
        }

        private ManifestDocument multiArch() {
            List<Descriptor> entries = new ArrayList<>();
            int platforms = 1 + random.nextInt(3);
            for (int i = 0; i < platforms; i++) {
                ManifestDocument child;
                if (!platformImages.isEmpty() && random.nextInt(4) == 0) {
                    child = platformImages.get(random.nextInt(platformImages.size()));
                } else {
                    child = image(label(), size());
                    if (random.nextInt(12) != 0) {
                        push(child);
                        platformImages.add(child);
                    }
                }
                entries.add(platform(child, PLATFORMS[i]));
                if (random.nextBoolean()) {
                    ManifestDocument attestation = buildxAttestation(label());
                    push(attestation);
                    entries.add(attestationEntry(attestation, child));
                }
            }
            return index(label(), entries);
        }

        private void nested() {
            ManifestDocument inner = multiArch();
            push(inner);
            push(index(label(), entry(inner)), tags());
        }

        private void cosign() {
            ManifestDocument subject = subject();
            String suffix = random.nextBoolean() ? "sig" : random.nextBoolean() ? "att" : "sbom";
            push(cosignSignature(label()), cosignTag(subject, suffix));
        }

        private void referrers() {
            ManifestDocument subject = subject();
            ManifestDocument bundle = sigstoreBundle(label(), subject);
            ManifestDocument scan = referrer(label(), "application/vnd.example.scan+json", subject);
            push(bundle);
            if (random.nextBoolean()) {
                push(scan);
            }
            if (random.nextBoolean()) {
                push(index(label(), entry(bundle), entry(scan)), referrersTag(subject));
            }
        }

        private void taggedChild() {
            ManifestDocument base = image(label(), size());
            push(base, "base-" + labels);
            ManifestDocument other = image(label(), size());
            push(other);
            push(index(label(), platform(base, "linux/amd64"), platform(other, "linux/arm64/v8")), tags());
        }

        /** Something to sign or refer to: usually pushed earlier, sometimes never pushed (deleted since). */
        private ManifestDocument subject() {
            if (subjects.isEmpty() || random.nextInt(6) == 0) {
                return image(label(), 1);
            }
            return subjects.get(random.nextInt(subjects.size()));
        }

        private void push(ManifestDocument manifest, String... tags) {
            if (leaveSomeUnread && random.nextInt(6) == 0) {
                pkg.pushUnread(manifest, tags);
            } else {
                pkg.push(manifest, tags);
            }
            subjects.add(manifest);
        }

        private String[] tags() {
            int count = random.nextInt(10) < 3 ? 0 : 1 + random.nextInt(2);
            String[] tags = new String[count];
            for (int i = 0; i < count; i++) {
                String prefix = TAG_PREFIXES[random.nextInt(TAG_PREFIXES.length)];
                tags[i] = prefix + tagCounters.merge(prefix, 1, Integer::sum);
            }
            return tags;
        }

        /** Two to four tags, sometimes with a look-alike that breaks the OCI grammar. */
        private String[] manyTags() {
            List<String> tags = new ArrayList<>();
            int count = 2 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                String prefix = TAG_PREFIXES[random.nextInt(TAG_PREFIXES.length)];
                tags.add(prefix + tagCounters.merge(prefix, 1, Integer::sum));
            }
            if (random.nextInt(4) == 0) {
                tags.add(LOOK_ALIKES[random.nextInt(LOOK_ALIKES.length)] + tagCounters.merge("look", 1, Integer::sum));
            }
            return tags.toArray(String[]::new);
        }

        private long size() {
            return 1 + random.nextInt(50_000_000);
        }

        private String label() {
            return "m" + labels++;
        }
    }
}
