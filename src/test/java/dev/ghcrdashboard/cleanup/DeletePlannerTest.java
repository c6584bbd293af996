package dev.ghcrdashboard.cleanup;

import dev.ghcrdashboard.github.PackageVersion;
import dev.ghcrdashboard.packages.PackageFixture;
import dev.ghcrdashboard.packages.PackageFixture.MultiArch;
import dev.ghcrdashboard.packages.PackageGraph;
import dev.ghcrdashboard.packages.VersionNode;
import dev.ghcrdashboard.registry.Descriptor;
import dev.ghcrdashboard.registry.ManifestDocument;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static dev.ghcrdashboard.packages.Manifests.OCI_LAYER;
import static dev.ghcrdashboard.packages.Manifests.amd64AndArm64;
import static dev.ghcrdashboard.packages.Manifests.blob;
import static dev.ghcrdashboard.packages.Manifests.buildxAttestation;
import static dev.ghcrdashboard.packages.Manifests.cosignSignature;
import static dev.ghcrdashboard.packages.Manifests.cosignTag;
import static dev.ghcrdashboard.packages.Manifests.entry;
import static dev.ghcrdashboard.packages.Manifests.image;
import static dev.ghcrdashboard.packages.Manifests.imageWithLayers;
import static dev.ghcrdashboard.packages.Manifests.index;
import static dev.ghcrdashboard.packages.Manifests.platform;
import static dev.ghcrdashboard.packages.Manifests.referrer;
import static dev.ghcrdashboard.packages.Manifests.referrersTag;
import static dev.ghcrdashboard.packages.Manifests.sigstoreBundle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeletePlannerTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    private final PackageFixture pkg = new PackageFixture();
    private final DeletePlanner planner = new DeletePlanner();

    private DeletePlan plan(CleanupRequest request) {
        return planner.plan(pkg.graph(), request, new PlanContext(NOW, false));
    }

    private DeletePlan pick(ManifestDocument... manifests) {
        return pick(false, manifests);
    }

    private DeletePlan pick(boolean publicPackage, ManifestDocument... manifests) {
        PackageGraph graph = pkg.graph();
        Set<Long> ids = new java.util.HashSet<>();
        for (ManifestDocument manifest : manifests) {
            ids.add(graph.byDigest(manifest.digest()).orElseThrow().id());
        }
        return planner.plan(graph, CleanupRequest.selecting(ids), new PlanContext(NOW, publicPackage));
    }

    /** Single-arch images, one per tag, pushed in order; their digests. */
    private List<String> pushTagged(String... tags) {
        List<String> result = new java.util.ArrayList<>();
        for (String tag : tags) {
            ManifestDocument manifest = image(tag, 1);
            pkg.push(manifest, tag);
            result.add(manifest.digest());
        }
        return result;
    }

    private static List<String> deleted(DeletePlan plan) {
        return plan.toDelete().stream().map(item -> item.node().digest()).toList();
    }

    private static List<String> keptDigests(DeletePlan plan) {
        return plan.kept().stream().map(item -> item.node().digest()).toList();
    }

    private static List<String> digests(ManifestDocument... manifests) {
        return java.util.Arrays.stream(manifests).map(ManifestDocument::digest).toList();
    }

    @Nested
    class Shapes {

        @Test
        void pickedMultiArchImageGoesWholeIndexFirst() {
            MultiArch old = pkg.pushMultiArch("old", "v1");
            pkg.pushMultiArch("new", "v2");

            DeletePlan plan = pick(old.index());

            assertThat(deleted(plan)).containsExactlyElementsOf(digests(old.index(), old.amd64(), old.arm64(), old.amd64Att(), old.arm64Att()));
            assertThat(plan.toDelete().get(0).reason()).isEqualTo(PlanItem.Reason.SELECTED);
            assertThat(plan.toDelete().get(1).reason()).isEqualTo(PlanItem.Reason.GOES_WITH);
            assertThat(plan.toDelete().get(1).explanation()).contains("(tags v1)").contains(old.index().digest().substring(0, 19));
            assertThat(plan.kept()).isEmpty();
            assertThat(plan.refused()).isEmpty();
            assertThat(plan.touchesTaggedImage()).isTrue();
            assertThat(plan.offerPackageDelete()).isFalse();
            // two images (config 1,000 + layer) and two attestations (config 200 + provenance 5,000)
            assertThat(plan.reclaimedBytes()).isEqualTo(11_000 + 21_000 + 2 * 5_200);
        }

        @Test
        void orphanRuleNeverTouchesTheUntaggedPlatformManifestsOfATaggedImage() {
            MultiArch tagged = pkg.pushMultiArch("app", "latest");
            ManifestDocument orphan = image("leftover", 500);
            pkg.push(orphan);

            DeletePlan plan = plan(CleanupRequest.matching(new UntaggedOrphans()));

            assertThat(deleted(plan)).containsExactly(orphan.digest());
            assertThat(deleted(plan)).doesNotContainAnyElementsOf(digests(tagged.amd64(), tagged.arm64(), tagged.amd64Att(), tagged.arm64Att()));
            assertThat(plan.touchesTaggedImage()).isFalse();
        }

        @Test
        void platformManifestSharedWithAnotherTagStaysAndSaysWhy() {
            PackageFixture.SharedPlatform images = pkg.pushTwoImagesSharingAmd64();

            DeletePlan plan = pick(images.v1());

            assertThat(deleted(plan)).containsExactlyElementsOf(digests(images.v1(), images.v1Arm64()));
            assertThat(plan.kept()).singleElement().satisfies(kept -> {
                assertThat(kept.node().digest()).isEqualTo(images.shared().digest());
                assertThat(kept.reason()).isEqualTo(KeptItem.Reason.STILL_USED);
                assertThat(kept.keeperDigest()).isEqualTo(images.v2().digest());
                assertThat(kept.explanation()).startsWith("still used by image sha256:").endsWith("(tags v2)");
            });
            assertThat(plan.reclaimedBytes()).isEqualTo(1_100);
        }

        @Test
        void sharedPlatformManifestGoesWhenEveryImageUsingItGoes() {
            ManifestDocument shared = image("amd64", 100);
            ManifestDocument v1 = index("v1", platform(shared, "linux/amd64"));
            ManifestDocument v2 = index("v2", platform(shared, "linux/amd64"));
            pkg.push(shared);
            pkg.push(v1, "v1");
            pkg.push(v2, "v2");
            pkg.push(image("v3", 1), "v3");

            DeletePlan plan = pick(v1, v2, shared);

            assertThat(deleted(plan)).containsExactlyElementsOf(digests(v2, v1, shared));
            assertThat(plan.toDelete().get(2).reason()).isEqualTo(PlanItem.Reason.GOES_WITH);
            assertThat(plan.kept()).isEmpty();
        }

        @Test
        void pickedPlatformManifestOfAKeptImageIsKeptNotDeleted() {
            MultiArch app = pkg.pushMultiArch("app", "latest");
            pkg.pushMultiArch("other", "old");

            DeletePlan plan = pick(app.arm64(), app.amd64Att());

            assertThat(plan.toDelete()).isEmpty();
            assertThat(plan.kept()).extracting(KeptItem::reason).containsOnly(KeptItem.Reason.STILL_USED);
            assertThat(plan.kept()).extracting(KeptItem::keeperDigest).containsOnly(app.index().digest());
            assertThat(keptDigests(plan)).containsExactlyInAnyOrderElementsOf(digests(app.arm64(), app.amd64Att()));
        }

        @Test
        void cosignSignatureAndAttestationGoWithTheirImageAfterIt() {
            ManifestDocument app = image("app", 100);
            ManifestDocument sig = cosignSignature("sig");
            ManifestDocument att = buildxAttestation("att");
            pkg.push(app, "1.0");
            pkg.push(sig, cosignTag(app, "sig"));
            pkg.push(att, cosignTag(app, "att"));
            pkg.push(image("keeper", 1), "2.0");

            DeletePlan plan = pick(app);

            assertThat(deleted(plan)).first().isEqualTo(app.digest());
            assertThat(deleted(plan)).containsExactlyInAnyOrderElementsOf(digests(app, sig, att));
        }

        @Test
        void referrersTagIndexAndSubjectReferrersGoWithTheirImage() {
            MultiArch app = pkg.pushMultiArch("app", "1.0");
            ManifestDocument bundle = sigstoreBundle("bundle", app.index());
            ManifestDocument scan = referrer("scan", "application/vnd.example.scan+json", app.index());
            ManifestDocument referrers = index("referrers", entry(bundle), entry(scan));
            pkg.pushAll(bundle, scan);
            pkg.push(referrers, referrersTag(app.index()));
            pkg.pushMultiArch("next", "2.0");

            DeletePlan plan = pick(app.index());

            List<String> deleted = deleted(plan);
            assertThat(deleted).hasSize(8).first().isEqualTo(app.index().digest());
            assertThat(deleted.indexOf(referrers.digest())).isLessThan(deleted.indexOf(bundle.digest())).isLessThan(deleted.indexOf(scan.digest()));
            assertThat(plan.kept()).isEmpty();
        }

        @Test
        void nestedIndexGoesOuterFirstThenInnerThenPlatforms() {
            PackageFixture.NestedIndex nested = pkg.pushNestedIndex();
            pkg.push(image("other", 1), "other");

            DeletePlan plan = pick(nested.outer());

            assertThat(deleted(plan)).containsExactlyElementsOf(digests(nested.outer(), nested.inner(), nested.amd64(), nested.arm64()));
        }

        @Test
        void taggedImageListedByADeletedIndexKeepsItsOwnTag() {
            ManifestDocument base = image("base", 100);
            ManifestDocument arm64 = image("arm64", 100);
            ManifestDocument multi = amd64AndArm64("multi", base, arm64);
            pkg.push(base, "base-amd64");
            pkg.push(arm64);
            pkg.push(multi, "multi");
            pkg.push(image("other", 1), "other");

            DeletePlan plan = pick(multi);

            assertThat(deleted(plan)).containsExactlyElementsOf(digests(multi, arm64));
            assertThat(plan.kept()).singleElement().satisfies(kept -> {
                assertThat(kept.reason()).isEqualTo(KeptItem.Reason.OWN_TAGS);
                assertThat(kept.explanation()).contains("base-amd64");
            });
        }

        @Test
        void reclaimedBytesCountOnlyBlobsNoStayingManifestUses() {
            Descriptor sharedBase = blob(OCI_LAYER, "debian-base", 50_000);
            ManifestDocument old = imageWithLayers("old", List.of(sharedBase, blob(OCI_LAYER, "old-app", 700)));
            ManifestDocument current = imageWithLayers("current", List.of(sharedBase, blob(OCI_LAYER, "new-app", 900)));
            pkg.push(old, "old");
            pkg.push(current, "current");

            DeletePlan plan = pick(old);

            assertThat(plan.reclaimedBytes()).isEqualTo(1_000 + 700);
        }
    }

    @Nested
    class LastVersion {

        @Test
        void deletingTheOnlyVersionIsRefusedAndOffersPackageDelete() {
            ManifestDocument only = image("only", 100);
            pkg.push(only, "latest");

            DeletePlan plan = pick(only);

            assertThat(plan.toDelete()).isEmpty();
            assertThat(plan.refused()).singleElement().satisfies(refused -> {
                assertThat(refused.reason()).isEqualTo(RefusedItem.Reason.LAST_VERSION);
                assertThat(refused.explanation()).contains("delete the whole package");
            });
            assertThat(plan.offerPackageDelete()).isTrue();
        }

        @Test
        void deletingEveryVersionKeepsTheLastInExecutionOrder() {
            MultiArch app = pkg.pushMultiArch("app", "latest");

            DeletePlan plan = plan(CleanupRequest.matching(new OlderThan(0)));

            assertThat(deleted(plan)).containsExactlyElementsOf(digests(app.index(), app.amd64(), app.arm64(), app.amd64Att()));
            assertThat(plan.refused()).extracting(refused -> refused.node().digest()).containsExactly(app.arm64Att().digest());
            assertThat(plan.offerPackageDelete()).isTrue();
        }
    }

    @Nested
    class IncompleteGraph {

        @Test
        void orphanRuleDoesNotTakeTheChildrenOfAnUnreadIndex() {
            ManifestDocument amd64 = image("amd64", 100);
            ManifestDocument arm64 = image("arm64", 100);
            pkg.pushAll(amd64, arm64);
            pkg.pushUnread(amd64AndArm64("app", amd64, arm64), "v1");

            DeletePlan plan = plan(CleanupRequest.matching(new UntaggedOrphans()));

            assertThat(plan.toDelete()).isEmpty();
            assertThat(plan.warnings()).extracting(Warning::code).containsExactly(Warning.Code.GRAPH_INCOMPLETE);
        }

        @Test
        void ageRuleRefusesWhatAnUnreadIndexMightListAndTakesOnlyTheKnownIndex() {
            ManifestDocument amd64 = image("amd64", 100);
            ManifestDocument base = image("base", 100);
            ManifestDocument app = amd64AndArm64("app", amd64, base);
            pkg.push(amd64);
            pkg.push(base, "base-arm64");
            pkg.pushUnread(app, "v1");
            MultiArch other = pkg.pushMultiArch("other", "other");

            DeletePlan plan = plan(CleanupRequest.matching(new OlderThan(0)));

            assertThat(plan.refused()).extracting(refused -> refused.node().digest()).containsExactlyElementsOf(digests(app, base, amd64));
            assertThat(plan.refused()).extracting(RefusedItem::reason).containsExactly(
                    RefusedItem.Reason.UNKNOWN_STRUCTURE, RefusedItem.Reason.GRAPH_INCOMPLETE, RefusedItem.Reason.GRAPH_INCOMPLETE);
            assertThat(deleted(plan)).containsExactly(other.index().digest());
            assertThat(plan.kept()).extracting(KeptItem::reason).hasSize(4).containsOnly(KeptItem.Reason.WAITING_FOR_UNREAD_MANIFESTS);
        }

        @Test
        void deletingAKnownTaggedImageLeavesItsUntaggedPartsUntilEverythingIsRead() {
            MultiArch app = pkg.pushMultiArch("app", "v1");
            pkg.pushUnread(image("unread", 1), "v2");

            DeletePlan plan = pick(app.index());

            assertThat(deleted(plan)).containsExactly(app.index().digest());
            assertThat(plan.kept()).hasSize(4).extracting(KeptItem::reason).containsOnly(KeptItem.Reason.WAITING_FOR_UNREAD_MANIFESTS);
        }

        @Test
        void pickedTaggedVersionWithUnreadManifestCanStillBeDeleted() {
            ManifestDocument unread = image("unread", 1);
            pkg.pushUnread(unread, "broken");
            pkg.push(image("other", 1), "other");

            DeletePlan plan = pick(unread);

            assertThat(deleted(plan)).containsExactly(unread.digest());
        }
    }

    @Nested
    class Rules {


        @Test
        void globSelectsRootsWithAnyMatchingTagAndNeverUntaggedOnes() {
            List<String> digests = pushTagged("pr-1", "pr-2", "main", "v1.0");
            ManifestDocument untagged = image("untagged", 1);
            pkg.push(untagged);

            DeletePlan plan = plan(CleanupRequest.matching(TagPattern.glob("pr-*")));
            DeletePlan negated = plan(CleanupRequest.matching(TagPattern.glob("pr-*").negated()));

            assertThat(deleted(plan)).containsExactlyInAnyOrder(digests.get(0), digests.get(1));
            assertThat(deleted(negated)).containsExactlyInAnyOrder(digests.get(2), digests.get(3));
        }

        @Test
        void globQuestionMarkIsOneCharacterAndDotsAreLiteral() {
            List<String> digests = pushTagged("v1.0", "v1x0", "v1.10");

            assertThat(deleted(plan(CleanupRequest.matching(TagPattern.glob("v1.?"))))).containsExactly(digests.get(0));
        }

        @Test
        void regexMustMatchTheWholeTag() {
            List<String> digests = pushTagged("sha-abc123", "release-sha-abc", "latest");

            assertThat(deleted(plan(CleanupRequest.matching(TagPattern.regex("sha-[0-9a-f]+"))))).containsExactly(digests.get(0));
        }

        @Test
        void ageRuleUsesCreationTimeAgainstNow() {
            ManifestDocument old = image("old", 1);
            pkg.push(old, "old");
            pkg.wait(Duration.ofDays(100));
            PackageVersion recent = pkg.push(image("recent", 1), "recent");
            pkg.wait(Duration.ofDays(100));
            pkg.push(image("newest", 1), "newest");
            Instant recentCreated = recent.createdAt();

            DeletePlan plan = planner.plan(pkg.graph(), CleanupRequest.matching(new OlderThan(30)),
                    new PlanContext(recentCreated.plus(Duration.ofDays(30)).plusSeconds(1), false));

            assertThat(deleted(plan)).containsExactly(recent.digest(), old.digest());
            DeletePlan boundary = planner.plan(pkg.graph(), CleanupRequest.matching(new OlderThan(30)),
                    new PlanContext(recentCreated.plus(Duration.ofDays(30)), false));
            assertThat(deleted(boundary)).containsExactly(old.digest());
        }

        @Test
        void rulesInAGroupAreAnded() {
            ManifestDocument oldPr = image("old-pr", 1);
            pkg.push(oldPr, "pr-1");
            pkg.push(image("old-main", 1), "main-1");
            pkg.wait(Duration.ofDays(60));
            PackageVersion newPr = pkg.push(image("new-pr", 1), "pr-2");

            DeletePlan plan = planner.plan(pkg.graph(), CleanupRequest.matching(TagPattern.glob("pr-*"), new OlderThan(30)),
                    new PlanContext(newPr.createdAt().plus(Duration.ofDays(1)), false));

            assertThat(deleted(plan)).containsExactly(oldPr.digest());
        }

        @Test
        void keepNewestTaggedCountsAmongWhatItsGroupSelectsAndNeverProtectsPicks() {
            List<String> digests = pushTagged("v1", "v2", "v3", "v4");
            PackageGraph graph = pkg.graph();
            long newestId = graph.byDigest(digests.get(3)).orElseThrow().id();

            DeletePlan plan = planner.plan(graph, new CleanupRequest(Set.of(newestId), List.of(RuleGroup.of(new OlderThan(0), KeepNewest.tagged(2)))),
                    new PlanContext(NOW, false));

            assertThat(deleted(plan)).containsExactly(digests.get(3), digests.get(1), digests.get(0));
            assertThat(plan.kept()).singleElement().satisfies(kept -> {
                assertThat(kept.node().digest()).isEqualTo(digests.get(2));
                assertThat(kept.reason()).isEqualTo(KeptItem.Reason.KEEP_NEWEST);
                assertThat(kept.explanation()).isEqualTo("kept: among the 2 newest tagged images older than 0 days");
            });
        }

        @Test
        void ruleMatchesOnlyRootsNeverPartsOfAnImage() {
            MultiArch app = pkg.pushMultiArch("app", "latest");
            pkg.wait(Duration.ofDays(400));
            pkg.push(image("new", 1), "new");

            DeletePlan plan = planner.plan(pkg.graph(), CleanupRequest.matching(new OlderThan(365), TagPattern.glob("new").negated()),
                    new PlanContext(pkg.versions().get(5).createdAt(), false));

            assertThat(deleted(plan)).containsExactlyElementsOf(digests(app.index(), app.amd64(), app.arm64(), app.amd64Att(), app.arm64Att()));
        }
    }


    /**
     * The rule semantics of issue 10, each on a package built for it: tag rules remove exactly the tags they name,
     * keep rules count among their group's selection, groups combine as a union, referrers whose subject is gone are
     * orphans, and look-alike tags are never reached.
     */
    @Nested
    class TagRules {

        @Test
        void aTagRuleOnAnImageWithSeveralTagsRemovesOnlyTheTagsItNames() {
            ManifestDocument app = image("app", 1);
            pkg.push(app, "tag1", "tag2", "tag3");
            pkg.push(image("other", 1), "other");

            DeletePlan plan = plan(CleanupRequest.matching(TagPattern.regex("tag2|tag3")));

            assertThat(plan.toDelete()).isEmpty();
            assertThat(plan.toUntag()).singleElement().satisfies(untag -> {
                assertThat(untag.node().digest()).isEqualTo(app.digest());
                assertThat(untag.removed()).containsExactly("tag2", "tag3");
                assertThat(untag.remaining()).containsExactly("tag1");
                assertThat(untag.explanation()).isEqualTo("untag tag2, tag3 (selected by the rules: images matching tag2|tag3); the image stays with tag1");
            });
            assertThat(plan.touchesTaggedImage()).isFalse();
            assertThat(plan.tagsRemoved()).isEqualTo(2);
        }

        @Test
        void anImageAllOfWhoseTagsTheRuleNamesIsDeletedWhole() {
            MultiArch app = pkg.pushMultiArch("app", "tag2", "tag3");
            pkg.push(image("other", 1), "tag1");

            DeletePlan plan = plan(CleanupRequest.matching(TagPattern.regex("tag2|tag3")));

            assertThat(deleted(plan)).containsExactlyElementsOf(digests(app.index(), app.amd64(), app.arm64(), app.amd64Att(), app.arm64Att()));
            assertThat(plan.toUntag()).isEmpty();
            assertThat(plan.toDelete().get(0).explanation())
                    .isEqualTo("selected by the rules: images matching tag2|tag3; they name all its tags (tag2, tag3)");
        }

        @Test
        void aNegatedRuleNamesTheTagsItDoesNotMatch() {
            ManifestDocument mixed = image("mixed", 1);
            ManifestDocument dev = image("dev", 1);
            pkg.push(mixed, "v1", "dev-1");
            pkg.push(dev, "dev-2");
            pkg.push(image("release", 1), "v2");

            DeletePlan plan = plan(CleanupRequest.matching(TagPattern.glob("v*").negated()));

            assertThat(deleted(plan)).containsExactly(dev.digest());
            assertThat(plan.toUntag()).singleElement().satisfies(untag -> assertThat(untag.removed()).containsExactly("dev-1"));
        }

        @Test
        void keepNewestCountsOnlyAmongTheImagesItsRuleMatches() {
            ManifestDocument a = image("a", 1);
            ManifestDocument b = image("b", 1);
            ManifestDocument c = image("c", 1);
            ManifestDocument d = image("d", 1);
            pkg.push(a, "uclibc-1.34");
            pkg.push(b, "uclibc-1.35");
            pkg.push(c, "musl-1.36");
            pkg.push(d, "uclibc-1.36");

            DeletePlan plan = plan(CleanupRequest.matching(TagPattern.glob("uclibc-*"), KeepNewest.tagged(2)));

            assertThat(deleted(plan)).as("the newer musl image uses no slot").containsExactly(a.digest());
            assertThat(keptDigests(plan)).containsExactly(d.digest(), b.digest());
            assertThat(plan.kept()).extracting(KeptItem::explanation).containsOnly("kept: among the 2 newest images matching uclibc-*");
            assertThat(plan.toDelete().get(0).explanation()).isEqualTo("selected by the rules: images matching uclibc-*, not among the 2 newest;"
                    + " they name all its tags (uclibc-1.34)");
        }

        @Test
        void keepNewestAloneSelectsEveryOtherTaggedImage() {
            List<String> digests = pushTagged("v1", "v2", "v3", "v4");
            ManifestDocument orphan = image("orphan", 1);
            pkg.push(orphan);

            DeletePlan plan = plan(CleanupRequest.matching(KeepNewest.tagged(2)));

            assertThat(deleted(plan)).containsExactly(digests.get(1), digests.get(0));
            assertThat(keptDigests(plan)).containsExactly(digests.get(3), digests.get(2));
            assertThat(plan.kept()).extracting(KeptItem::explanation).containsOnly("kept: among the 2 newest tagged images");
            assertThat(deleted(plan)).doesNotContain(orphan.digest());
        }

        @Test
        void keepNewestUntaggedKeepsTheNewestOrphansAndSelectsTheRest() {
            ManifestDocument o1 = image("o1", 1);
            ManifestDocument o2 = image("o2", 1);
            ManifestDocument o3 = image("o3", 1);
            pkg.push(o1);
            pkg.push(image("tagged", 1), "v1");
            pkg.push(o2);
            pkg.push(o3);

            DeletePlan alone = plan(CleanupRequest.matching(KeepNewest.untagged(1)));
            DeletePlan withOrphans = plan(CleanupRequest.matching(new UntaggedOrphans(), KeepNewest.untagged(2)));

            assertThat(deleted(alone)).containsExactly(o2.digest(), o1.digest());
            assertThat(alone.kept()).singleElement().satisfies(kept -> {
                assertThat(kept.node().digest()).isEqualTo(o3.digest());
                assertThat(kept.explanation()).isEqualTo("kept: among the 1 newest untagged images");
            });
            assertThat(deleted(withOrphans)).containsExactly(o1.digest());
            assertThat(withOrphans.kept()).extracting(KeptItem::explanation)
                    .containsOnly("kept: among the 2 newest untagged images that are orphans");
        }

        @Test
        void keepingReleasesKeepsImagesWithAReleaseTagAndNeverNamesOne() {
            ManifestDocument release = image("release", 1);
            ManifestDocument preRelease = image("rc", 1);
            ManifestDocument mixed = image("mixed", 1);
            ManifestDocument orphan = image("orphan", 1);
            pkg.push(release, "v1.2.3");
            pkg.push(preRelease, "1.3.0-rc.1");
            pkg.push(mixed, "1.4.0", "pr-7");
            pkg.push(orphan);

            DeletePlan everythingOld = plan(CleanupRequest.matching(new OlderThan(0), new KeepReleases()));
            DeletePlan byTag = plan(CleanupRequest.matching(TagPattern.regex(".*"), new KeepReleases()));

            assertThat(deleted(everythingOld)).as("whole images with a release stay whole")
                    .containsExactlyInAnyOrder(preRelease.digest(), orphan.digest());
            assertThat(everythingOld.kept()).extracting(KeptItem::explanation)
                    .containsExactlyInAnyOrder("kept: a semantic-version release (v1.2.3)", "kept: a semantic-version release (1.4.0)");
            assertThat(deleted(byTag)).as("a tag rule reaches no untagged image, and no release").containsExactly(preRelease.digest());
            assertThat(byTag.toUntag()).singleElement().satisfies(untag -> {
                assertThat(untag.node().digest()).isEqualTo(mixed.digest());
                assertThat(untag.removed()).containsExactly("pr-7");
            });
        }

        @Test
        void keepingReleasesAloneIsRefused() {
            assertThatThrownBy(() -> RuleGroup.of(new KeepReleases())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("narrows");
        }

        @Test
        void ruleGroupsCombineAsAUnionInOnePlan() {
            ManifestDocument orphan = image("orphan", 1);
            pkg.push(orphan);
            List<String> tagged = pushTagged("v1", "v2", "v3");
            ManifestDocument newOrphan = image("new-orphan", 1);
            pkg.push(newOrphan);

            DeletePlan plan = plan(CleanupRequest.groups(RuleGroup.of(new UntaggedOrphans()), RuleGroup.of(KeepNewest.tagged(2))));

            assertThat(deleted(plan)).containsExactlyInAnyOrder(orphan.digest(), newOrphan.digest(), tagged.get(0));
            assertThat(plan.toDelete()).filteredOn(item -> item.node().digest().equals(tagged.get(0))).singleElement()
                    .satisfies(item -> assertThat(item.explanation()).isEqualTo("selected by the rules: group 2, tagged images, not among the 2 newest"));
            assertThat(plan.toDelete()).filteredOn(item -> item.node().digest().equals(orphan.digest())).singleElement()
                    .satisfies(item -> assertThat(item.explanation()).isEqualTo("selected by the rules: group 1, images that are orphans"));
        }

        @Test
        void groupsThatTogetherNameEveryTagDeleteTheImage() {
            ManifestDocument both = image("both", 1);
            ManifestDocument one = image("one", 1);
            pkg.push(both, "pr-1", "dev-1");
            pkg.push(one, "pr-2", "main");

            DeletePlan plan = plan(CleanupRequest.groups(RuleGroup.of(TagPattern.glob("pr-*")), RuleGroup.of(TagPattern.glob("dev-*"))));

            assertThat(deleted(plan)).containsExactly(both.digest());
            assertThat(plan.toDelete().get(0).explanation()).endsWith("together they name all its tags (pr-1, dev-1)");
            assertThat(plan.toUntag()).singleElement().satisfies(untag -> {
                assertThat(untag.node().digest()).isEqualTo(one.digest());
                assertThat(untag.removed()).containsExactly("pr-2");
            });
        }

        @Test
        void aKeptImageOfOneGroupIsStillTakenByAnotherGroup() {
            List<String> digests = pushTagged("v1", "v2");

            DeletePlan plan = plan(CleanupRequest.groups(RuleGroup.of(KeepNewest.tagged(5)), RuleGroup.of(TagPattern.glob("v2"))));

            assertThat(deleted(plan)).containsExactly(digests.get(1));
            assertThat(keptDigests(plan)).containsExactly(digests.get(0));
        }

        @Test
        void referrersWhoseSubjectIsGoneAreOrphans() {
            ManifestDocument gone = image("gone", 1); // never pushed: deleted long ago
            ManifestDocument present = image("present", 1);
            pkg.push(present, "v1");
            ManifestDocument sig = cosignSignature("sig");
            ManifestDocument att = buildxAttestation("att");
            ManifestDocument bundle = sigstoreBundle("bundle", gone);
            ManifestDocument referrers = index("referrers", entry(bundle));
            ManifestDocument bare = referrer("bare", "application/vnd.example.scan+json", gone);
            ManifestDocument liveSig = cosignSignature("live-sig");
            pkg.push(sig, cosignTag(gone, "sig"));
            pkg.push(att, cosignTag(gone, "att"));
            pkg.push(bundle);
            pkg.push(referrers, referrersTag(gone));
            pkg.push(bare);
            pkg.push(liveSig, cosignTag(present, "sig"));

            PackageGraph graph = pkg.graph();
            DeletePlan plan = plan(CleanupRequest.matching(new UntaggedOrphans()));

            assertThat(graph.byDigest(sig.digest()).orElseThrow().orphaned()).isTrue();
            assertThat(graph.byDigest(liveSig.digest()).orElseThrow().orphaned()).isFalse();
            assertThat(deleted(plan)).containsExactlyInAnyOrder(sig.digest(), att.digest(), referrers.digest(), bundle.digest(), bare.digest());
            assertThat(deleted(plan).indexOf(referrers.digest())).isLessThan(deleted(plan).indexOf(bundle.digest()));
            assertThat(plan.touchesTaggedImage()).isFalse();
        }

        @Test
        void aDanglingSignatureIsNoOrphanWhileManifestsAreUnread() {
            ManifestDocument gone = image("gone", 1);
            ManifestDocument sig = cosignSignature("sig");
            pkg.push(image("app", 1), "v1");
            pkg.push(sig, cosignTag(gone, "sig"));
            pkg.pushUnread(image("unread", 1), "v2");

            assertThat(pkg.graph().byDigest(sig.digest()).orElseThrow().orphaned()).isFalse();
            assertThat(plan(CleanupRequest.matching(new UntaggedOrphans())).toDelete()).isEmpty();
        }

        @Test
        void aTagRuleNeverReachesATagThatOnlyLooksLikeItsPattern() {
            ManifestDocument fullWidth = image("full-width", 1);
            ManifestDocument mixed = image("mixed", 1);
            pkg.push(fullWidth, "\uFF56" + "1"); // FULLWIDTH LATIN SMALL LETTER V: "v1" after NFKC
            pkg.push(mixed, "v2", "v\u200B3"); // a zero-width space hides in the second tag
            pkg.push(image("roman", 1), "\u2174"); // SMALL ROMAN NUMERAL FIVE: "v" after NFKC
            pkg.push(image("other", 1), "latest");

            DeletePlan plan = plan(CleanupRequest.matching(TagPattern.glob("v*")));
            DeletePlan negated = plan(CleanupRequest.matching(TagPattern.glob("latest").negated()));

            assertThat(plan.toDelete()).isEmpty();
            assertThat(plan.toUntag()).singleElement().satisfies(untag -> {
                assertThat(untag.node().digest()).isEqualTo(mixed.digest());
                assertThat(untag.removed()).containsExactly("v2");
            });
            assertThat(plan.warnings()).singleElement().satisfies(warning -> {
                assertThat(warning.code()).isEqualTo(Warning.Code.TAGS_NOT_REACHED);
                assertThat(warning.message()).contains("v⟨U+200B⟩3").contains("\uFF56" + "1");
            });
            assertThat(deleted(negated)).isEmpty();
            assertThat(negated.toUntag()).singleElement().satisfies(untag -> assertThat(untag.removed()).containsExactly("v2"));
        }

        @Test
        void unicodeCaseFoldingFlagsAreRefused() {
            pkg.push(image("k8s", 1), "k8s");
            pkg.push(image("other", 1), "other");

            assertThatThrownBy(() -> TagPattern.regex("(?iu)\u212A8s")).isInstanceOf(InvalidPatternException.class)
                    .hasMessageContaining("look-alikes");
            assertThatThrownBy(() -> TagPattern.regex("(?U)\\w+")).isInstanceOf(InvalidPatternException.class);
            assertThat(deleted(plan(CleanupRequest.matching(TagPattern.regex("(?i)K8S"))))).as("ASCII case folding is fine").hasSize(1);
        }

        @Test
        void aTagRuleOnAnIndexSharingPlatformsKeepsTheSharedManifests() {
            ManifestDocument shared = image("amd64", 100);
            ManifestDocument arm = image("arm64", 100);
            ManifestDocument v1 = index("v1", platform(shared, "linux/amd64"), platform(arm, "linux/arm64"));
            ManifestDocument stable = index("stable", platform(shared, "linux/amd64"));
            pkg.push(shared);
            pkg.push(arm);
            pkg.push(v1, "v1", "rc-1");
            pkg.push(stable, "stable");

            DeletePlan plan = plan(CleanupRequest.matching(TagPattern.glob("rc-*")));
            DeletePlan both = plan(CleanupRequest.matching(TagPattern.regex("v1|rc-1")));

            assertThat(plan.toDelete()).isEmpty();
            assertThat(plan.toUntag()).singleElement().satisfies(untag -> assertThat(untag.removed()).containsExactly("rc-1"));
            assertThat(deleted(both)).containsExactly(v1.digest(), arm.digest());
            assertThat(keptDigests(both)).containsExactly(shared.digest());
        }

    }

    @Nested
    class Patterns {

        @Test
        void invalidRegexSaysWhereItFailed() {
            assertThatThrownBy(() -> TagPattern.regex("v1-(beta"))
                    .isInstanceOf(InvalidPatternException.class)
                    .hasMessageStartingWith("Invalid regular expression at position ")
                    .hasMessageContaining("Unclosed group")
                    .hasMessageMatching("(?s).*\\nv1-\\(beta\\n {0,8}\\^");
        }

        @Test
        void globWithACharacterNoTagCanHoldPointsAtIt() {
            assertThatThrownBy(() -> TagPattern.glob("release/*"))
                    .isInstanceOf(InvalidPatternException.class)
                    .hasMessageContaining("position 8: '/' can never appear in a tag")
                    .hasMessageEndingWith("release/*\n       ^");
        }

        @Test
        void overlongAndEmptyPatternsAreRejected() {
            assertThatThrownBy(() -> TagPattern.glob("a".repeat(201)))
                    .isInstanceOf(InvalidPatternException.class)
                    .hasMessage("Tag pattern is 201 characters long; at most 200 are allowed.");
            assertThatThrownBy(() -> TagPattern.regex("")).isInstanceOf(InvalidPatternException.class).hasMessage("Tag pattern is empty.");
        }

        /** Recent JDKs memoise {@code (a+)+$}; {@code (.*a){20}} still backtracks exponentially on them. */
        @Test
        void catastrophicRegexStopsWithAClearErrorInsteadOfHanging() {
            pkg.push(image("evil", 1), "a".repeat(60) + "-");
            pkg.push(image("other", 1), "other");
            TagPattern evil = TagPattern.regex("(.*a){20}");

            assertThatThrownBy(() -> plan(CleanupRequest.matching(evil)))
                    .isInstanceOf(PatternTooExpensiveException.class)
                    .hasMessageContaining("too expensive")
                    .hasMessageContaining("(.*a){20}")
                    .hasMessageContaining("a".repeat(60) + "-");
        }

        @Test
        void ordinaryRegexOnLongTagsStaysWithinBudget() {
            String tag = "feature-" + "x".repeat(110) + "-build";
            ManifestDocument manifest = image("long", 1);
            pkg.push(manifest, tag);
            pkg.push(image("other", 1), "other");

            assertThat(deleted(plan(CleanupRequest.matching(TagPattern.regex(".*x.*x.*-build"))))).containsExactly(manifest.digest());
        }
    }

    @Nested
    class Warnings {

        @Test
        void publicPackageWarnsAboutTheDownloadLimit() {
            ManifestDocument old = image("old", 1);
            pkg.push(old, "old");
            pkg.push(image("new", 1), "new");

            DeletePlan plan = pick(true, old);

            assertThat(plan.warnings()).singleElement().satisfies(warning -> {
                assertThat(warning.code()).isEqualTo(Warning.Code.PUBLIC_DOWNLOAD_LIMIT);
                assertThat(warning.message()).contains("5,000");
            });
        }

        @Test
        void pickedIdThatIsNotAnActiveVersionIsReported() {
            PackageVersion kept = pkg.push(image("kept", 1), "kept");
            pkg.push(image("other", 1), "other");

            DeletePlan plan = plan(CleanupRequest.selecting(Set.of(kept.id(), 4242L)));

            assertThat(deleted(plan)).containsExactly(kept.digest());
            assertThat(plan.warnings()).singleElement().satisfies(warning -> {
                assertThat(warning.code()).isEqualTo(Warning.Code.VERSION_NOT_FOUND);
                assertThat(warning.message()).contains("4242");
            });
        }
    }

    /** 10,000 versions; the CPU time is printed for information, never asserted. */
    @Test
    void planForTenThousandVersionsKeepsTheNewestAndTakesTheRestWhole() {
        for (int i = 0; i < 2_000; i++) {
            pkg.pushMultiArch("build" + i, "build-" + i);
        }
        PackageGraph graph = pkg.graph();
        CleanupRequest request = CleanupRequest.matching(new OlderThan(0), KeepNewest.tagged(10));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();

        DeletePlan plan = planner.plan(graph, request, new PlanContext(NOW.plus(Duration.ofDays(3_650)), false));

        System.out.printf("DeletePlanner.plan(10,000 versions): %d ms CPU%n", (threads.getCurrentThreadCpuTime() - start) / 1_000_000);
        assertThat(plan.toDelete().size()).isEqualTo(1_990 * 5);
        assertThat(plan.kept()).extracting(item -> item.node().tags().get(0))
                .containsExactly("build-1999", "build-1998", "build-1997", "build-1996", "build-1995",
                        "build-1994", "build-1993", "build-1992", "build-1991", "build-1990");
        VersionNode firstDeleted = plan.toDelete().get(0).node();
        assertThat(firstDeleted.tags()).containsExactly("build-1989");
        assertThat(plan.toDelete().subList(1, 5)).extracting(PlanItem::unitDigest).containsOnly(firstDeleted.digest());
    }
}
