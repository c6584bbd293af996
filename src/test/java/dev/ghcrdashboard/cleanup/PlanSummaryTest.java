package dev.ghcrdashboard.cleanup;

import dev.ghcrdashboard.packages.PackageFixture;
import dev.ghcrdashboard.packages.PackageGraph;
import dev.ghcrdashboard.registry.ManifestDocument;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static dev.ghcrdashboard.packages.Manifests.amd64AndArm64;
import static dev.ghcrdashboard.packages.Manifests.image;
import static dev.ghcrdashboard.packages.Manifests.index;
import static dev.ghcrdashboard.packages.Manifests.platform;
import static org.assertj.core.api.Assertions.assertThat;

class PlanSummaryTest {

    @Test
    void headlineCountsImagesVersionsAndWhatStays() {
        PackageFixture pkg = new PackageFixture();
        ManifestDocument shared = image("shared", 2_000_000);
        ManifestDocument own = image("own", 60_400_000);
        ManifestDocument old = amd64AndArm64("old", shared, own);
        pkg.pushAll(shared, own);
        pkg.push(old, "old");
        pkg.push(index("new", platform(shared, "linux/amd64")), "new");
        PackageGraph graph = pkg.graph();

        DeletePlan plan = new DeletePlanner().plan(graph, CleanupRequest.selecting(Set.of(graph.byDigest(old.digest()).orElseThrow().id())),
                new PlanContext(Instant.now(), false));

        assertThat(PlanSummary.of(plan).headline()).isEqualTo("Deletes 1 image (2 versions), freeing 60.4 MB. 1 version stays.");
    }

    @Test
    void emptyPlanSaysSo() {
        assertThat(new PlanSummary(0, 0, 0, 1, 0).headline()).isEqualTo("Deletes nothing. 1 version cannot be deleted.");
    }

    @Test
    void bytesUseDecimalUnits() {
        assertThat(PlanSummary.bytes(999)).isEqualTo("999 B");
        assertThat(PlanSummary.bytes(1_500)).isEqualTo("1.5 kB");
        assertThat(PlanSummary.bytes(999_999)).isEqualTo("1.0 MB");
        assertThat(PlanSummary.bytes(2_000_000_000L)).isEqualTo("2.0 GB");
    }
}
