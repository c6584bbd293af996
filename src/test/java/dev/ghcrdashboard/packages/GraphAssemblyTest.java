package dev.ghcrdashboard.packages;

import dev.ghcrdashboard.registry.ManifestDocument;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static dev.ghcrdashboard.packages.Manifests.attestationEntry;
import static dev.ghcrdashboard.packages.Manifests.buildxAttestation;
import static dev.ghcrdashboard.packages.Manifests.cosignSignature;
import static dev.ghcrdashboard.packages.Manifests.cosignTag;
import static dev.ghcrdashboard.packages.Manifests.entry;
import static dev.ghcrdashboard.packages.Manifests.image;
import static dev.ghcrdashboard.packages.Manifests.index;
import static dev.ghcrdashboard.packages.Manifests.platform;
import static dev.ghcrdashboard.packages.Manifests.referrersTag;
import static dev.ghcrdashboard.packages.Manifests.sigstoreBundle;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Versions placed from what their index and tags say, without their manifests, and a graph kept current as
 * manifests arrive one by one; and the read order that keeps attestations from being read at all.
 */
class GraphAssemblyTest {

    private final PackageFixture pkg = new PackageFixture();

    @Test
    void buildxAttestationsArePlacedFromTheirIndexWithoutBeingRead() {
        ManifestDocument amd64 = image("amd64", 100);
        ManifestDocument arm64 = image("arm64", 200);
        ManifestDocument amd64Att = buildxAttestation("amd64-att");
        ManifestDocument arm64Att = buildxAttestation("arm64-att");
        ManifestDocument app = index("app", platform(amd64, "linux/amd64"), platform(arm64, "linux/arm64"),
                attestationEntry(amd64Att, amd64), attestationEntry(arm64Att, arm64));
        pkg.pushAll(amd64, arm64);
        pkg.pushUnread(amd64Att);
        pkg.pushUnread(arm64Att);
        pkg.push(app, "v1");

        PackageGraph graph = pkg.graph();

        VersionNode attestation = node(graph, amd64Att);
        assertThat(graph.complete()).as("nothing unknown left").isTrue();
        assertThat(attestation.kind()).isEqualTo(VersionKind.ATTESTATION);
        assertThat(attestation.subjectDigest()).as("the image it attests, from the index's annotation").isEqualTo(amd64.digest());
        assertThat(attestation.sizeKnown()).isFalse();
        assertThat(attestation.orphaned()).isFalse();
        assertThat(graph.manifest(amd64Att.digest())).isEmpty();
        assertThat(graph.roots()).containsExactly(node(graph, app));
        assertThat(graph.closure(node(graph, app))).containsExactlyInAnyOrder(app.digest(), amd64.digest(), arm64.digest(),
                amd64Att.digest(), arm64Att.digest());
        assertThat(node(graph, app).compressedSize()).isEqualTo(1_100 + 1_200);
    }

    @Test
    void unreadPlatformManifestsArePlacedButTheirSizesWaitForTheirManifests() {
        ManifestDocument amd64 = image("amd64", 100);
        ManifestDocument app = index("app", platform(amd64, "linux/amd64"));
        pkg.pushUnread(amd64);
        pkg.push(app, "v1");

        VersionNode node = node(pkg.graph(), amd64);

        assertThat(node.kind()).isEqualTo(VersionKind.PLATFORM_MANIFEST);
        assertThat(node.platforms()).extracting(Object::toString).containsExactly("linux/amd64");
        assertThat(node.sizeKnown()).isFalse();
    }

    @Test
    void cosignTagsPlaceSignaturesAndAttestationsWithoutReadingThem() {
        ManifestDocument app = image("app", 500);
        ManifestDocument signature = cosignSignature("sig");
        ManifestDocument attestation = buildxAttestation("att");
        pkg.push(app, "1.0");
        pkg.pushUnread(signature, cosignTag(app, "sig"));
        pkg.pushUnread(attestation, cosignTag(app, "att"));

        PackageGraph graph = pkg.graph();

        assertThat(graph.complete()).isTrue();
        assertThat(node(graph, signature).kind()).isEqualTo(VersionKind.SIGNATURE);
        assertThat(node(graph, attestation).kind()).isEqualTo(VersionKind.ATTESTATION);
        assertThat(node(graph, signature).subjectDigest()).isEqualTo(app.digest());
        assertThat(graph.belongingTo(node(graph, app))).extracting(VersionNode::digest)
                .containsExactly(attestation.digest(), signature.digest());
    }

    @Test
    void aReferrersTagIndexPlacesTheReferrersItListsUnderItsSubject() {
        PackageFixture.WithReferrers image = pkg.pushImageWithReferrers(false);
        Map<String, ManifestDocument> everything = new java.util.HashMap<>(pkg.manifests());
        List.of(image.bundle(), image.scan()).forEach(referrer -> everything.put(referrer.digest(), referrer));

        PackageGraph graph = pkg.graph();
        PackageGraph allRead = PackageGraph.build(pkg.versions(), everything);

        assertThat(graph.complete()).isTrue();
        assertThat(node(graph, image.bundle()).kind()).isEqualTo(VersionKind.SIGNATURE);
        assertThat(node(graph, image.scan()).kind()).isEqualTo(VersionKind.REFERRER);
        assertThat(node(graph, image.bundle()).subjectDigest()).isEqualTo(image.app().digest());
        // Placed, they belong where reading them would put them.
        for (ManifestDocument placed : List.of(image.bundle(), image.scan())) {
            assertThat(node(graph, placed).ownerDigests()).isEqualTo(node(allRead, placed).ownerDigests());
        }
        assertThat(graph.closure(node(graph, image.app()))).isEqualTo(allRead.closure(node(allRead, image.app())));
        assertThat(graph.roots()).extracting(VersionNode::digest).isEqualTo(allRead.roots().stream().map(VersionNode::digest).toList());
    }

    @Test
    void anEntryThatMayListMoreVersionsPlacesNothing() {
        PackageFixture.NestedIndex nested = nestedWithUnreadInner();

        PackageGraph graph = pkg.graph();

        assertThat(node(graph, nested.inner()).kind()).as("an index entry: its own entries are unknown").isEqualTo(VersionKind.UNKNOWN);
        assertThat(graph.complete()).isFalse();
        assertThat(graph.nodes()).noneMatch(VersionNode::orphaned);
    }

    @Test
    void aReferrerNothingListsIsUnknownUntilRead() {
        ManifestDocument app = image("app", 100);
        ManifestDocument bundle = sigstoreBundle("bundle", app);
        pkg.push(app, "1.0");
        pkg.pushUnread(bundle);

        assertThat(node(pkg.graph(), bundle).kind()).isEqualTo(VersionKind.UNKNOWN);
        assertThat(pkg.graph().complete()).isFalse();
    }

    /** Every order of arrival, with snapshots in between, ends in the graph built from everything at once. */
    @Test
    void manifestsArrivingOneByOneEndInTheGraphBuiltAtOnce() {
        for (long seed = 0; seed < 40; seed++) {
            PackageFixture fixture = mixedPackage(new Random(seed));
            PackageGraph expected = PackageGraph.build(fixture.versions(), fixture.manifests());
            List<ManifestDocument> arriving = new ArrayList<>(fixture.manifests().values());
            Collections.shuffle(arriving, new Random(seed));
            GraphAssembly assembly = new GraphAssembly(fixture.versions());
            for (int i = 0; i < arriving.size(); i++) {
                assembly.add(arriving.get(i));
                if (i % 3 == 0) {
                    PackageGraph partial = assembly.snapshot();
                    assertThat(partial.complete()).isEqualTo(partial.nodes().stream().noneMatch(node -> node.kind() == VersionKind.UNKNOWN));
                    assertThat(partial.nodes()).filteredOn(VersionNode::orphaned).allMatch(node -> partial.complete());
                }
            }
            PackageGraph actual = assembly.snapshot();

            assertThat(actual.nodes()).as("seed %d", seed).isEqualTo(expected.nodes());
            assertThat(actual.roots()).as("seed %d", seed).isEqualTo(expected.roots());
            for (VersionNode node : expected.nodes()) {
                assertThat(actual.belongingTo(node)).as("seed %d", seed).isEqualTo(expected.belongingTo(node));
            }
        }
    }

    /**
     * Read in schedule order (a window of reads at a time, as the analysis does), a package of untagged multi-arch
     * images (what CI leaves behind when it moves a tag) is read index first, then platform manifests; no
     * attestation is read, nothing is read twice.
     */
    @Test
    void theReadScheduleNeverReadsWhatAnIndexDescribes() {
        Set<String> attestations = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            PackageFixture.MultiArch image = pkg.pushMultiArch("build-" + i, i % 10 == 0 ? new String[] {"v" + i} : new String[0]);
            attestations.add(image.amd64Att().digest());
            attestations.add(image.arm64Att().digest());
        }
        pkg.push(image("orphan", 10));
        Map<String, ManifestDocument> registry = pkg.manifests();
        GraphAssembly assembly = new GraphAssembly(pkg.versions());
        assembly.settle();
        ReadSchedule schedule = new ReadSchedule(assembly);
        List<String> readOrder = new ArrayList<>();

        for (List<String> window = schedule.next(8); !window.isEmpty(); window = schedule.next(8)) {
            for (String digest : window) {
                ManifestDocument document = registry.get(digest);
                assembly.add(document);
                schedule.ended(digest, document.manifests().size());
                readOrder.add(digest);
            }
            assembly.settle();
        }

        assertThat(readOrder).doesNotHaveDuplicates().noneMatch(attestations::contains);
        assertThat(readOrder).hasSize(40 * 3 + 1);
        assertThat(assembly.snapshot().complete()).isTrue();
        assertThat(schedule.inFlight()).isZero();
    }

    private PackageFixture.NestedIndex nestedWithUnreadInner() {
        ManifestDocument amd64 = image("amd64", 100);
        ManifestDocument arm64 = image("arm64", 200);
        ManifestDocument inner = Manifests.amd64AndArm64("inner", amd64, arm64);
        ManifestDocument outer = index("outer", entry(inner));
        pkg.pushAll(amd64, arm64);
        pkg.pushUnread(inner);
        pkg.push(outer, "bundle");
        return new PackageFixture.NestedIndex(amd64, arm64, inner, outer);
    }

    /** Multi-arch images (some untagged), a shared platform, a nested index, cosign tags, referrers and an orphan. */
    private static PackageFixture mixedPackage(Random random) {
        PackageFixture fixture = new PackageFixture();
        List<ManifestDocument> subjects = new ArrayList<>();
        // The fixture's shared-platform and nested shapes have fixed contents: each at most once per package.
        Set<Integer> once = new HashSet<>();
        for (int i = 0; i < 4 + random.nextInt(4); i++) {
            int shape = random.nextInt(5);
            if ((shape == 1 || shape == 2) && !once.add(shape)) {
                shape = 0;
            }
            switch (shape) {
                case 0 -> subjects.add(fixture.pushMultiArch("m" + i, random.nextBoolean() ? new String[] {"v" + i} : new String[0]).index());
                case 1 -> subjects.add(fixture.pushTwoImagesSharingAmd64().v2());
                case 2 -> subjects.add(fixture.pushNestedIndex().outer());
                case 3 -> {
                    ManifestDocument single = image("single" + i + "-" + random.nextInt(1000), 1 + random.nextInt(1000));
                    fixture.push(single, random.nextBoolean() ? new String[] {"s" + i} : new String[0]);
                    subjects.add(single);
                }
                default -> {
                    if (!subjects.isEmpty()) {
                        ManifestDocument subject = subjects.get(random.nextInt(subjects.size()));
                        ManifestDocument bundle = sigstoreBundle("b" + i, subject);
                        fixture.push(bundle);
                        fixture.push(index("r" + i, entry(bundle)), referrersTag(subject));
                        fixture.push(cosignSignature("c" + i), cosignTag(subject, "sig"));
                    }
                }
            }
        }
        return fixture;
    }

    private static VersionNode node(PackageGraph graph, ManifestDocument manifest) {
        return graph.byDigest(manifest.digest()).orElseThrow();
    }
}
