package dev.ghcrdashboard.cleanup;

import static dev.ghcrdashboard.packages.Manifests.attestationEntry;
import static dev.ghcrdashboard.packages.Manifests.buildxAttestation;
import static dev.ghcrdashboard.packages.Manifests.cosignSignature;
import static dev.ghcrdashboard.packages.Manifests.cosignTag;
import static dev.ghcrdashboard.packages.Manifests.entry;
import static dev.ghcrdashboard.packages.Manifests.image;
import static dev.ghcrdashboard.packages.Manifests.index;
import static dev.ghcrdashboard.packages.Manifests.platform;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.packages.PackageFixture;
import dev.ghcrdashboard.packages.PackageGraph;
import dev.ghcrdashboard.packages.VersionNode;
import dev.ghcrdashboard.registry.ManifestDocument;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Plans over a package analysed the cheap way: attestations and signatures placed from their index and tags,
 * their manifests never read. They are no longer unknown, so the rules work as on a fully read package, and
 * still never break an image that stays; a version nothing places keeps the planner as careful as before.
 */
class PlacedVersionsPlanningTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    private final PackageFixture pkg = new PackageFixture();
    private final DeletePlanner planner = new DeletePlanner();

    /** Two platforms and their attestations, the attestations unread, then the index with {@code tags}. */
    private Image pushWithUnreadAttestations(String label, String... tags) {
        ManifestDocument amd64 = image(label + "-amd64", 1_000);
        ManifestDocument arm64 = image(label + "-arm64", 2_000);
        ManifestDocument amd64Att = buildxAttestation(label + "-amd64-att");
        ManifestDocument arm64Att = buildxAttestation(label + "-arm64-att");
        ManifestDocument index = index(label, platform(amd64, "linux/amd64"), platform(arm64, "linux/arm64"),
                attestationEntry(amd64Att, amd64), attestationEntry(arm64Att, arm64));
        pkg.pushAll(amd64, arm64);
        pkg.pushUnread(amd64Att);
        pkg.pushUnread(arm64Att);
        pkg.push(index, tags);
        return new Image(index, List.of(amd64, arm64), List.of(amd64Att, arm64Att));
    }

    private record Image(ManifestDocument index, List<ManifestDocument> platforms, List<ManifestDocument> attestations) {
        List<String> all() {
            List<String> digests = new java.util.ArrayList<>();
            digests.add(index.digest());
            platforms.forEach(platform -> digests.add(platform.digest()));
            attestations.forEach(attestation -> digests.add(attestation.digest()));
            return digests;
        }
    }

    @Test
    void untaggedOrphansGoWithTheirUnreadAttestationsAndLeaveTaggedImagesWhole() {
        Image orphaned = pushWithUnreadAttestations("old");
        Image kept = pushWithUnreadAttestations("new", "latest");

        PackageGraph graph = pkg.graph();
        DeletePlan plan = planner.plan(graph, CleanupRequest.matching(new UntaggedOrphans()), new PlanContext(NOW, false));

        assertThat(graph.complete()).isTrue();
        assertThat(plan.warnings()).extracting(Warning::code).doesNotContain(Warning.Code.GRAPH_INCOMPLETE);
        assertThat(deleted(plan)).containsExactlyInAnyOrderElementsOf(orphaned.all());
        assertThat(deleted(plan).get(0)).as("the index before what it lists").isEqualTo(orphaned.index().digest());
        assertThat(deleted(plan)).doesNotContainAnyElementsOf(kept.all());
        assertNothingStayingLosesAPart(graph, plan);
    }

    @Test
    void aPickedImageTakesItsUnreadSignatureAlong() {
        ManifestDocument app = image("app", 500);
        ManifestDocument signature = cosignSignature("sig");
        pkg.push(app, "1.0");
        pkg.pushUnread(signature, cosignTag(app, "sig"));
        pkg.push(image("other", 10), "2.0");

        PackageGraph graph = pkg.graph();
        DeletePlan plan = planner.plan(graph, CleanupRequest.selecting(Set.of(node(graph, app).id())), new PlanContext(NOW, false));

        assertThat(deleted(plan)).containsExactly(app.digest(), signature.digest());
        assertThat(plan.kept()).isEmpty();
    }

    @Test
    void aVersionNothingPlacesStillKeepsUntaggedVersionsFromBeingDeleted() {
        Image orphaned = pushWithUnreadAttestations("old");
        ManifestDocument inner = index("inner", platform(image("inner-amd64", 1), "linux/amd64"),
                platform(image("inner-arm64", 1), "linux/arm64"));
        pkg.pushUnread(inner);
        pkg.push(index("outer", entry(inner)), "bundle");

        PackageGraph graph = pkg.graph();
        DeletePlan plan = planner.plan(graph, CleanupRequest.matching(new UntaggedOrphans()), new PlanContext(NOW, false));

        assertThat(graph.complete()).as("an unread index entry may list anything").isFalse();
        assertThat(deleted(plan)).doesNotContainAnyElementsOf(orphaned.all());
        assertThat(plan.warnings()).extracting(Warning::code).contains(Warning.Code.GRAPH_INCOMPLETE);
    }

    /** The planner's promise, checked on the graph it planned on: nothing that stays loses what belongs to it. */
    private static void assertNothingStayingLosesAPart(PackageGraph graph, DeletePlan plan) {
        Set<String> gone = new HashSet<>(deleted(plan));
        for (VersionNode node : graph.nodes()) {
            if (!gone.contains(node.digest())) {
                Set<String> closure = new HashSet<>(graph.closure(node));
                closure.retainAll(gone);
                assertThat(closure).as("parts of staying %s", node.digest()).isEmpty();
            }
        }
    }

    private static List<String> deleted(DeletePlan plan) {
        return plan.toDelete().stream().map(item -> item.node().digest()).toList();
    }

    private static VersionNode node(PackageGraph graph, ManifestDocument manifest) {
        return graph.byDigest(manifest.digest()).orElseThrow();
    }
}
