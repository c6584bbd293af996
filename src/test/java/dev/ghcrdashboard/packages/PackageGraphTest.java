package dev.ghcrdashboard.packages;

import dev.ghcrdashboard.github.PackageVersion;
import dev.ghcrdashboard.registry.ManifestDocument;
import dev.ghcrdashboard.registry.Platform;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.ghcrdashboard.packages.Manifests.amd64AndArm64;
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

class PackageGraphTest {

    private final PackageFixture pkg = new PackageFixture();

    @Test
    void buildxMultiArchImageIsOneRootWithPlatformAndAttestationChildren() {
        ManifestDocument amd64 = image("amd64", 30_000_000, 2_000_000);
        ManifestDocument arm64 = image("arm64", 28_000_000);
        PackageFixture.MultiArch v1 = pkg.pushMultiArch("v1", amd64, arm64, "linux/arm64/v8", "v1", "latest");

        PackageGraph graph = pkg.graph();

        VersionNode root = node(graph, v1.index());
        assertThat(graph.roots()).containsExactly(root);
        assertThat(graph.complete()).isTrue();
        assertThat(root.kind()).isEqualTo(VersionKind.MULTI_ARCH_INDEX);
        assertThat(root.platforms()).containsExactly(new Platform("linux", "amd64", null), new Platform("linux", "arm64", "v8"));
        assertThat(root.compressedSize()).isEqualTo(1_000 + 32_000_000 + 1_000 + 28_000_000);
        assertThat(root.sizeByPlatform()).containsExactlyInAnyOrderEntriesOf(Map.of("linux/amd64", 32_001_000L, "linux/arm64/v8", 28_001_000L));
        assertThat(node(graph, amd64).kind()).isEqualTo(VersionKind.PLATFORM_MANIFEST);
        assertThat(node(graph, amd64).platforms()).containsExactly(new Platform("linux", "amd64", null));
        assertThat(node(graph, v1.amd64Att()).kind()).isEqualTo(VersionKind.ATTESTATION);
        assertThat(node(graph, v1.amd64Att()).platforms()).isEmpty();
        assertThat(graph.belongingTo(root)).extracting(VersionNode::digest)
                .containsExactly(amd64.digest(), arm64.digest(), v1.amd64Att().digest(), v1.arm64Att().digest());
        assertThat(graph.closure(root)).containsExactlyInAnyOrder(v1.index().digest(), amd64.digest(), arm64.digest(), v1.amd64Att().digest(), v1.arm64Att().digest());
        assertThat(graph.nodes()).noneMatch(VersionNode::orphaned);
        assertThat(node(graph, arm64).ownerDigests()).containsExactly(v1.index().digest());
        assertThat(graph.rootsOf(node(graph, v1.arm64Att()))).containsExactly(root);
    }

    @Test
    void platformManifestSharedByTwoTagsBelongsToBoth() {
        PackageFixture.SharedPlatform images = pkg.pushTwoImagesSharingAmd64();

        PackageGraph graph = pkg.graph();

        assertThat(graph.roots()).extracting(VersionNode::tags).containsExactly(List.of("v2"), List.of("v1"));
        assertThat(node(graph, images.shared()).ownerDigests()).containsExactlyInAnyOrder(images.v1().digest(), images.v2().digest());
        assertThat(graph.closure(node(graph, images.v1()))).contains(images.shared().digest());
        assertThat(graph.closure(node(graph, images.v2()))).contains(images.shared().digest()).doesNotContain(images.v1Arm64().digest());
        assertThat(graph.rootsOf(node(graph, images.shared()))).extracting(VersionNode::tags).containsExactly(List.of("v2"), List.of("v1"));
    }

    @Test
    void cosignLegacyTagsBelongToTheImageTheyName() {
        ManifestDocument app = image("app", 500);
        ManifestDocument signature = cosignSignature("sig");
        ManifestDocument attestation = buildxAttestation("att");
        ManifestDocument sbom = buildxAttestation("sbom");
        pkg.push(app, "1.0");
        pkg.push(signature, cosignTag(app, "sig"));
        pkg.push(attestation, cosignTag(app, "att"));
        pkg.push(sbom, cosignTag(app, "sbom"));

        PackageGraph graph = pkg.graph();

        VersionNode root = node(graph, app);
        assertThat(graph.roots()).containsExactly(root);
        assertThat(root.kind()).isEqualTo(VersionKind.IMAGE);
        assertThat(node(graph, signature).kind()).isEqualTo(VersionKind.SIGNATURE);
        assertThat(node(graph, attestation).kind()).isEqualTo(VersionKind.ATTESTATION);
        assertThat(node(graph, sbom).kind()).isEqualTo(VersionKind.ATTESTATION);
        assertThat(node(graph, signature).subjectDigest()).isEqualTo(app.digest());
        assertThat(node(graph, signature).named()).isFalse();
        assertThat(root.named()).isTrue();
        assertThat(graph.belongingTo(root)).hasSize(3);
    }

    @Test
    void signatureWhoseImageIsGoneIsItsOwnRootAndAnOrphan() {
        ManifestDocument gone = image("deleted-long-ago", 1);
        ManifestDocument signature = cosignSignature("sig");
        pkg.push(signature, cosignTag(gone, "sig"));

        PackageGraph graph = pkg.graph();

        VersionNode node = node(graph, signature);
        assertThat(graph.roots()).containsExactly(node);
        assertThat(node.kind()).isEqualTo(VersionKind.SIGNATURE);
        assertThat(node.subjectDigest()).isEqualTo(gone.digest());
        assertThat(node.orphaned()).as("its tag is bookkeeping for an image nobody can pull").isTrue();
    }

    @Test
    void referrersTagIndexAndSubjectReferrersBelongToTheSubject() {
        ManifestDocument amd64 = image("amd64", 100);
        ManifestDocument app = index("app", platform(amd64, "linux/amd64"));
        ManifestDocument bundle = sigstoreBundle("bundle", app);
        ManifestDocument scan = referrer("scan", "application/vnd.example.scan+json", app);
        ManifestDocument referrers = index("referrers", entry(bundle), entry(scan));
        pkg.push(amd64);
        pkg.push(app, "2.0");
        pkg.pushAll(bundle, scan);
        pkg.push(referrers, referrersTag(app));

        PackageGraph graph = pkg.graph();

        VersionNode root = node(graph, app);
        assertThat(graph.roots()).containsExactly(root);
        assertThat(node(graph, referrers).kind()).isEqualTo(VersionKind.REFERRER);
        assertThat(node(graph, bundle).kind()).isEqualTo(VersionKind.SIGNATURE);
        assertThat(node(graph, scan).kind()).isEqualTo(VersionKind.REFERRER);
        assertThat(node(graph, bundle).ownerDigests()).containsExactlyInAnyOrder(app.digest(), referrers.digest());
        assertThat(graph.closure(root)).containsExactlyInAnyOrder(app.digest(), amd64.digest(), bundle.digest(), scan.digest(), referrers.digest());
        assertThat(graph.nodes()).noneMatch(VersionNode::orphaned);
        assertThat(root.compressedSize()).isEqualTo(1_100);
    }

    @Test
    void nestedIndexHoldsItsInnerIndexChildrenTransitively() {
        PackageFixture.NestedIndex nested = pkg.pushNestedIndex();

        PackageGraph graph = pkg.graph();

        VersionNode root = node(graph, nested.outer());
        assertThat(graph.roots()).containsExactly(root);
        assertThat(node(graph, nested.inner()).kind()).isEqualTo(VersionKind.MULTI_ARCH_INDEX);
        assertThat(graph.closure(root)).containsExactlyInAnyOrder(nested.outer().digest(), nested.inner().digest(), nested.amd64().digest(), nested.arm64().digest());
        assertThat(root.platforms()).extracting(Platform::toString).containsExactly("linux/amd64", "linux/arm64");
        assertThat(root.compressedSize()).isEqualTo(2_300);
        assertThat(root.sizeByPlatform()).containsEntry("linux/arm64", 1_200L);
        assertThat(graph.rootsOf(node(graph, nested.arm64()))).containsExactly(root);
    }

    @Test
    void platformManifestOfADeletedIndexIsAnOrphanImage() {
        ManifestDocument amd64 = image("amd64", 100);
        ManifestDocument tagged = image("tagged", 100);
        pkg.push(amd64);
        pkg.push(tagged, "keep");

        PackageGraph graph = pkg.graph();

        assertThat(node(graph, amd64).kind()).isEqualTo(VersionKind.IMAGE);
        assertThat(node(graph, amd64).orphaned()).isTrue();
        assertThat(node(graph, tagged).orphaned()).isFalse();
        assertThat(graph.roots()).hasSize(2);
    }

    @Test
    void unreadIndexMakesTheGraphIncompleteAndItsChildrenAreNotOrphans() {
        ManifestDocument amd64 = image("amd64", 100);
        ManifestDocument arm64 = image("arm64", 100);
        ManifestDocument app = amd64AndArm64("app", amd64, arm64);
        pkg.pushAll(amd64, arm64);
        pkg.pushUnread(app, "v1");

        PackageGraph graph = pkg.graph();

        assertThat(graph.complete()).isFalse();
        assertThat(node(graph, app).kind()).isEqualTo(VersionKind.UNKNOWN);
        assertThat(node(graph, amd64).kind()).isEqualTo(VersionKind.IMAGE);
        assertThat(graph.nodes()).noneMatch(VersionNode::orphaned);
    }

    @Test
    void indexListingDigestsThatAreNotVersionsCountsOnlyPresentChildren() {
        ManifestDocument amd64 = image("amd64", 100);
        ManifestDocument deleted = image("arm64", 100);
        ManifestDocument app = amd64AndArm64("app", amd64, deleted);
        pkg.push(amd64);
        pkg.push(app, "v1");

        PackageGraph graph = pkg.graph();

        VersionNode root = node(graph, app);
        assertThat(root.childDigests()).containsExactly(amd64.digest(), deleted.digest());
        assertThat(graph.belongingTo(root)).extracting(VersionNode::digest).containsExactly(amd64.digest());
        assertThat(root.compressedSize()).isEqualTo(1_100);
        assertThat(graph.byDigest(deleted.digest())).isEmpty();
    }

    @Test
    void tagsNamingEachOtherInALoopStillLeaveEveryNodeUnderSomeRoot() {
        ManifestDocument first = cosignSignature("first");
        ManifestDocument second = cosignSignature("second");
        pkg.push(first, cosignTag(second, "sig"));
        pkg.push(second, cosignTag(first, "sig"));

        PackageGraph graph = pkg.graph();

        assertThat(graph.roots()).extracting(VersionNode::digest).containsExactly(second.digest());
        assertThat(graph.closure(graph.roots().get(0))).containsExactlyInAnyOrder(first.digest(), second.digest());
    }

    @Test
    void inputOrderDoesNotChangeTheGraph() {
        List<PackageVersion> versions = buildLargePackage(300, new Random(7));
        PackageGraph expected = PackageGraph.build(versions, pkg.manifests());
        List<PackageVersion> shuffled = new ArrayList<>(versions);
        Collections.shuffle(shuffled, new Random(11));

        PackageGraph actual = PackageGraph.build(shuffled, pkg.manifests());

        assertThat(actual.nodes()).isEqualTo(expected.nodes());
        assertThat(actual.roots()).isEqualTo(expected.roots());
        for (VersionNode node : expected.nodes()) {
            assertThat(actual.belongingTo(node)).isEqualTo(expected.belongingTo(node));
        }
    }

    /** 10,000 versions; timing is printed for information only, never asserted. */
    @Test
    void tenThousandVersionsBuildIntoTheExpectedShape() {
        List<PackageVersion> versions = buildLargePackage(2_000, new Random(3));
        Map<String, ManifestDocument> manifests = pkg.manifests();

        // CPU time of this thread, so that a busy shared machine does not distort the printed figure.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        PackageGraph graph = PackageGraph.build(versions, manifests);
        long firstMillis = (threads.getCurrentThreadCpuTime() - start) / 1_000_000;
        long warmMillis = Long.MAX_VALUE;
        for (int run = 0; run < 20; run++) {
            start = threads.getCurrentThreadCpuTime();
            PackageGraph.build(versions, manifests);
            warmMillis = Math.min(warmMillis, (threads.getCurrentThreadCpuTime() - start) / 1_000_000);
        }
        System.out.printf("PackageGraph.build(10,000 versions): first %d ms CPU, warm %d ms CPU%n", firstMillis, warmMillis);

        assertThat(graph.size()).isEqualTo(10_000);
        assertThat(graph.roots()).hasSize(2_000).allMatch(root -> root.kind() == VersionKind.MULTI_ARCH_INDEX);
        assertThat(graph.roots()).allMatch(root -> graph.closure(root).size() == 5);
    }

    /** {@code images} buildx multi-arch images: index + 2 platforms + 2 attestations each. */
    private List<PackageVersion> buildLargePackage(int images, Random random) {
        for (int i = 0; i < images; i++) {
            pkg.pushMultiArch("idx-" + i, image("amd64-" + i, random.nextInt(1_000_000)), image("arm64-" + i, random.nextInt(1_000_000)),
                    "linux/arm64", "build-" + i);
        }
        return pkg.versions();
    }

    private static VersionNode node(PackageGraph graph, ManifestDocument manifest) {
        return graph.byDigest(manifest.digest()).orElseThrow();
    }
}
