package dev.ghcrdashboard.cleanup;

import static dev.ghcrdashboard.cleanup.CleanupTesting.OCTOCAT;
import static dev.ghcrdashboard.cleanup.CleanupTesting.assertAudited;
import static dev.ghcrdashboard.cleanup.CleanupTesting.awaitEnd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.audit.AuditLog;
import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.owners.OwnerDirectory;
import dev.ghcrdashboard.packages.PackageAnalysis;
import dev.ghcrdashboard.packages.VersionKind;
import dev.ghcrdashboard.packages.VersionNode;
import dev.ghcrdashboard.simulator.Simulator;
import dev.ghcrdashboard.support.FastJobs;
import dev.ghcrdashboard.support.SimulatorBackedTest;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * An image broken by another tool (a platform manifest deleted on its own) is found by the integrity
 * check, and restoring the missing piece from the trash repairs every tag that uses it.
 */
@SimulatorBackedTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@FastJobs
class IntegrityRepairTest {

    @Autowired
    Simulator github;
    @Autowired
    IntegrityCheck integrity;
    @Autowired
    CleanupService cleanup;
    @Autowired
    Trash trash;
    @Autowired
    OwnerDirectory owners;
    @Autowired
    AuditLog audit;

    @Test
    void aPlatformManifestDeletedElsewhereBreaksBothTagsUsingItAndTheTrashRepairsThem() throws Exception {
        Owner acme = owners.find(OCTOCAT, "acme").orElseThrow();
        assertThat(integrity.check("octocat", OCTOCAT.token(), acme, "web").healthy()).isTrue();

        PackageAnalysis analysis = cleanup.analysis(OCTOCAT, acme, "web");
        VersionNode latest = CleanupTesting.tagged(analysis, "latest");
        VersionNode shared = analysis.graph().belongingTo(latest).stream()
                .filter(node -> node.kind() == VersionKind.PLATFORM_MANIFEST).findFirst().orElseThrow();
        github.control().deleteVersionAsSomeoneElse("acme", "web", shared.id());

        IntegrityReport broken = integrity.check("octocat", OCTOCAT.token(), acme, "web");
        assertThat(broken.healthy()).isFalse();
        assertThat(broken.broken()).extracting(IntegrityReport.BrokenTag::tag).contains("latest", "v1.2.0", "stable");
        assertThat(broken.broken()).allSatisfy(tag -> {
            assertThat(tag.missingDigests()).containsExactly(shared.digest());
            assertThat(tag.repairable()).isTrue();
            assertThat(tag.describe()).contains("still in the trash");
        });
        assertThat(broken.restorableIds()).containsExactly(shared.id());

        List<TrashEntry> entries = trash.ofPackage(OCTOCAT, acme, "web");
        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.deletedBy()).as("not deleted through the dashboard").isNull();
            assertThat(entry.tags()).isEmpty();
        });

        Job repair = awaitEnd(cleanup, trash.restore(OCTOCAT, acme, "web", new HashSet<>(broken.restorableIds())));
        assertThat(cleanup.items(repair.id())).singleElement()
                .satisfies(item -> assertThat(item.state()).isEqualTo(ItemState.RESTORED));
        assertThat(repair.report()).anySatisfy(line -> assertThat(line).startsWith("Integrity: all"));
        assertThat(integrity.check("octocat", OCTOCAT.token(), acme, "web").healthy()).isTrue();
        assertThat(github.control().isComplete("acme", "web", latest.digest())).isTrue();
        assertAudited(audit, cleanup, repair);
    }

    @Test
    void aRestoredVersionWhoseTagWasPushedAgainSaysSo() throws Exception {
        Owner octocat = owners.find(OCTOCAT, "octocat").orElseThrow();
        PackageAnalysis analysis = cleanup.analysis(OCTOCAT, octocat, "dotfiles");
        VersionNode v1 = CleanupTesting.tagged(analysis, "v1");
        Job deleted = awaitEnd(cleanup, ((CleanupService.Started) cleanup.confirm(OCTOCAT, octocat,
                cleanup.preview(OCTOCAT, octocat, "dotfiles", CleanupTesting.pick(v1.id())).id(), "dotfiles")).jobId());
        assertThat(deleted.status()).isEqualTo(JobStatus.FINISHED);
        String repushed = github.control().pushTag("octocat", "dotfiles", "v1");

        Job restored = awaitEnd(cleanup, trash.restore(OCTOCAT, octocat, "dotfiles", java.util.Set.of(v1.id())));
        assertThat(restored.report()).anySatisfy(line -> assertThat(line)
                .contains("Tag v1 was pushed again since the delete")
                .contains(repushed.substring(0, 19)));
        assertThat(github.control().resolveTag("octocat", "dotfiles", "v1")).contains(repushed);
    }
}
