package dev.ghcrdashboard.cleanup;

import static dev.ghcrdashboard.cleanup.CleanupTesting.OCTOCAT;
import static dev.ghcrdashboard.cleanup.CleanupTesting.assertAudited;
import static dev.ghcrdashboard.cleanup.CleanupTesting.awaitEnd;
import static dev.ghcrdashboard.cleanup.CleanupTesting.pick;
import static dev.ghcrdashboard.cleanup.CleanupTesting.tagged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.packages.PackageAnalysis;
import dev.ghcrdashboard.packages.VersionKind;
import dev.ghcrdashboard.packages.VersionNode;
import dev.ghcrdashboard.simulator.FaultRule;
import dev.ghcrdashboard.simulator.SimulatedVersion;
import dev.ghcrdashboard.support.FastJobs;
import dev.ghcrdashboard.support.SimulatorBackedTest;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import dev.ghcrdashboard.common.BadRequestException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Deletes and restores against the GitHub simulator's demo world, through the same service calls the
 * pages make: preview, confirm, background job, trash, restore, integrity. Each test uses its own
 * package, so they do not disturb each other.
 */
@SimulatorBackedTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@FastJobs
class CleanupScenariosTest extends SimulatedCleanupTest {

    @Autowired
    Trash trash;
    @Autowired
    IntegrityCheck integrity;
    @Autowired
    dev.ghcrdashboard.github.GitHubClient gitHub;

    @AfterEach
    void noFaults() {
        control.clearFaults();
    }

    @Test
    void deletingAMultiArchImageTakesItsPlatformManifestsAttestationsAndCosignArtifactsAndKeepsTheOtherImagesWhole() throws Exception {
        PackageAnalysis analysis = cleanup.analysis(OCTOCAT, acme, "web");
        VersionNode v100 = tagged(analysis, "v1.0.0");
        CleanupService.Preview preview = cleanup.preview(OCTOCAT, acme, "web", pick(v100.id()));
        Set<String> otherTags = control.versions("acme", "web", false).stream()
                .filter(v -> !preview.plan().versionIdsInOrder().contains(v.id()))
                .flatMap(v -> v.tags().stream()).collect(Collectors.toSet());
        assertThat(otherTags).isNotEmpty();

        Set<String> goes = preview.plan().toDelete().stream().map(item -> item.node().digest()).collect(Collectors.toSet());
        assertThat(goes).containsAll(analysis.graph().closure(v100));
        Set<VersionKind> kinds = preview.plan().toDelete().stream().map(item -> item.node().kind()).collect(Collectors.toSet());
        assertThat(kinds).contains(VersionKind.MULTI_ARCH_INDEX, VersionKind.PLATFORM_MANIFEST, VersionKind.ATTESTATION,
                VersionKind.SIGNATURE);
        assertThat(preview.needsTypedConfirmation()).as("a tagged image goes").isTrue();
        assertThat(cleanup.confirm(OCTOCAT, acme, preview.id(), "wrong"))
                .isInstanceOfSatisfying(CleanupService.NotConfirmed.class,
                        notConfirmed -> assertThat(notConfirmed.reason()).contains("Type the package name"));

        var started = (CleanupService.Started) cleanup.confirm(OCTOCAT, acme, preview.id(), "web");
        Job job = awaitEnd(cleanup, started.jobId());

        assertThat(job.status()).isEqualTo(JobStatus.FINISHED);
        assertThat(cleanup.items(job.id())).allSatisfy(item -> assertThat(item.state()).isEqualTo(ItemState.DELETED));
        assertThat(control.resolveTag("acme", "web", "v1.0.0")).isEmpty();
        for (String tag : otherTags) {
            String digest = control.resolveTag("acme", "web", tag).orElseThrow();
            assertThat(control.isComplete("acme", "web", digest)).as(tag + " still pulls").isTrue();
        }
        assertThat(job.report()).anySatisfy(line -> assertThat(line).startsWith("Integrity: all"));
        assertAudited(audit, cleanup, job);

        // The trash shows the image with its parts, the tags it had and who deleted it; restoring brings it all back.
        List<TrashEntry> entries = trash.ofPackage(OCTOCAT, acme, "web");
        TrashEntry image = entries.stream().filter(entry -> entry.digest().equals(v100.digest())).findFirst().orElseThrow();
        assertThat(image.tags()).containsExactly("v1.0.0");
        assertThat(image.deletedBy()).isEqualTo("octocat");
        assertThat(image.daysLeft()).isBetween(29L, 30L);
        assertThat(image.members()).hasSize(goes.size() - 1);

        Job restore = awaitEnd(cleanup, trash.restore(OCTOCAT, acme, "web", Set.of(image.versionId())));
        assertThat(restore.status()).isEqualTo(JobStatus.FINISHED);
        List<JobItem> restored = cleanup.items(restore.id()).stream().filter(item -> item.action() == JobKind.RESTORE).toList();
        assertThat(restored).allSatisfy(item -> assertThat(item.state()).isEqualTo(ItemState.RESTORED));
        assertThat(restored.get(restored.size() - 1).digest()).as("the index comes back after its parts").isEqualTo(v100.digest());
        // The recorded tags are checked after the restores; GitHub restored them with their versions, so nothing is pushed.
        assertThat(cleanup.items(restore.id())).filteredOn(item -> item.action() == JobKind.ADD_TAG)
                .extracting(JobItem::tag).contains("v1.0.0");
        assertThat(cleanup.items(restore.id())).filteredOn(item -> item.action() == JobKind.ADD_TAG)
                .allSatisfy(item -> assertThat(item.state()).isEqualTo(ItemState.ALREADY_DONE));
        String again = control.resolveTag("acme", "web", "v1.0.0").orElseThrow();
        assertThat(again).isEqualTo(v100.digest());
        assertThat(control.isComplete("acme", "web", again)).isTrue();
        assertThat(restore.report()).anySatisfy(line -> assertThat(line).contains("Tag v1.0.0 resolves again"));
        assertAudited(audit, cleanup, restore);
    }

    @Test
    void platformManifestsSharedWithAnotherTagStayAndTheReferrerGoesWithItsImage() throws Exception {
        PackageAnalysis analysis = cleanup.analysis(OCTOCAT, acme, "web");
        VersionNode v120 = tagged(analysis, "v1.2.0");
        VersionNode stable = tagged(analysis, "stable");
        CleanupService.Preview preview = cleanup.preview(OCTOCAT, acme, "web", pick(v120.id()));
        assertThat(preview.plan().kept()).anySatisfy(kept -> {
            assertThat(kept.reason()).isEqualTo(KeptItem.Reason.STILL_USED);
            assertThat(kept.keeperTags()).contains("stable");
        });
        Job job = awaitEnd(cleanup, ((CleanupService.Started) cleanup.confirm(OCTOCAT, acme, preview.id(), "web")).jobId());
        assertThat(job.status()).isEqualTo(JobStatus.FINISHED);
        assertThat(control.isComplete("acme", "web", control.resolveTag("acme", "web", "stable").orElseThrow())).isTrue();
        assertThat(control.resolveTag("acme", "web", "stable")).contains(stable.digest());

        VersionNode v110 = tagged(cleanup.analysis(OCTOCAT, acme, "web"), "v1.1.0");
        Set<String> closure = cleanup.analysis(OCTOCAT, acme, "web").graph().closure(v110);
        CleanupService.Preview referrer = cleanup.preview(OCTOCAT, acme, "web", pick(v110.id()));
        assertThat(referrer.plan().toDelete()).anySatisfy(item -> assertThat(item.node().kind()).isIn(VersionKind.REFERRER, VersionKind.SIGNATURE, VersionKind.ATTESTATION));
        Job second = awaitEnd(cleanup, ((CleanupService.Started) cleanup.confirm(OCTOCAT, acme, referrer.id(), "web")).jobId());
        Set<String> active = control.versions("acme", "web", false).stream().map(SimulatedVersion::digest).collect(Collectors.toSet());
        assertThat(active).doesNotContainAnyElementsOf(closure);
        assertAudited(audit, cleanup, second);
    }

    @Test
    void aNestedIndexGoesWithAllItsLevels() throws Exception {
        PackageAnalysis analysis = cleanup.analysis(OCTOCAT, acme, "tools/cli");
        VersionNode v2 = tagged(analysis, "v2");
        Set<String> closure = analysis.graph().closure(v2);
        assertThat(closure.size()).isGreaterThan(3);
        CleanupService.Preview preview = cleanup.preview(OCTOCAT, acme, "tools/cli", pick(v2.id()));
        Job job = awaitEnd(cleanup, ((CleanupService.Started) cleanup.confirm(OCTOCAT, acme, preview.id(), "tools/cli")).jobId());
        assertThat(job.status()).isEqualTo(JobStatus.FINISHED);
        Set<String> deleted = control.versions("acme", "tools/cli", true).stream().map(SimulatedVersion::digest).collect(Collectors.toSet());
        assertThat(deleted).isEqualTo(closure);
        assertThat(control.isComplete("acme", "tools/cli", control.resolveTag("acme", "tools/cli", "v1").orElseThrow())).isTrue();
        assertAudited(audit, cleanup, job);
    }

    @Test
    void theLastVersionIsRefusedAndThePackageDeleteOffered() {
        PackageAnalysis analysis = cleanup.analysis(OCTOCAT, acme, "single");
        CleanupService.Preview preview = cleanup.preview(OCTOCAT, acme, "single", pick(tagged(analysis, "only").id()));
        assertThat(preview.plan().toDelete()).isEmpty();
        assertThat(preview.plan().refused()).singleElement()
                .satisfies(refused -> assertThat(refused.reason()).isEqualTo(RefusedItem.Reason.LAST_VERSION));
        assertThat(preview.plan().offerPackageDelete()).isTrue();
        assertThat(cleanup.confirm(OCTOCAT, acme, preview.id(), "single"))
                .isInstanceOfSatisfying(CleanupService.NotConfirmed.class,
                        notConfirmed -> assertThat(notConfirmed.reason()).contains("deletes nothing"));

        cleanup.deletePackage(OCTOCAT, acme, "single");
        assertThat(gitHub.packages(acme, OCTOCAT.token())).noneSatisfy(pkg -> assertThat(pkg.name()).isEqualTo("single"));
        assertThat(audit.search(new dev.ghcrdashboard.audit.AuditQuery("acme", "single", null, null, null, null, 1, 50)).entries())
                .singleElement().satisfies(entry -> {
                    assertThat(entry.action()).isEqualTo(dev.ghcrdashboard.audit.AuditAction.DELETE_PACKAGE);
                    assertThat(entry.outcome()).isEqualTo(dev.ghcrdashboard.audit.AuditOutcome.SUCCEEDED);
                    assertThat(entry.actor()).isEqualTo("octocat");
                });
    }

    @Test
    void aPublicVersionOverFiveThousandDownloadsIsWarnedAboutAndRefusedWithGitHubsMessage() throws Exception {
        PackageAnalysis analysis = cleanup.analysis(OCTOCAT, acme, "popular");
        CleanupService.Preview preview = cleanup.preview(OCTOCAT, acme, "popular", pick(tagged(analysis, "v1").id()));
        assertThat(preview.plan().warnings()).anySatisfy(w -> assertThat(w.code()).isEqualTo(Warning.Code.PUBLIC_DOWNLOAD_LIMIT));
        Job job = awaitEnd(cleanup, ((CleanupService.Started) cleanup.confirm(OCTOCAT, acme, preview.id(), "popular")).jobId());
        assertThat(cleanup.items(job.id())).singleElement().satisfies(item -> {
            assertThat(item.state()).isEqualTo(ItemState.REFUSED);
            assertThat(item.message()).contains("5000 downloads");
        });
        assertThat(CleanupTesting.audit(audit, job)).singleElement()
                .satisfies(entry -> assertThat(entry.outcome()).isEqualTo(dev.ghcrdashboard.audit.AuditOutcome.REFUSED));
        assertThat(control.versions("acme", "popular", false)).hasSize(2);
    }

    @Test
    void aVersionDeletedBySomeoneElseBetweenPlanAndDeleteIsReportedAsAlreadyGone() throws Exception {
        PackageAnalysis analysis = cleanup.analysis(OCTOCAT, acme, "api");
        VersionNode v10 = tagged(analysis, "v1.0");
        CleanupService.Preview preview = cleanup.preview(OCTOCAT, acme, "api", pick(v10.id()));
        List<Long> ids = preview.plan().versionIdsInOrder();
        assertThat(ids).hasSizeGreaterThan(1);
        runner.stop();
        String jobId = ((CleanupService.Started) cleanup.confirm(OCTOCAT, acme, preview.id(), "api")).jobId();
        control.deleteVersionAsSomeoneElse("acme", "api", ids.get(ids.size() - 1));
        runner.start();
        Job job = awaitEnd(cleanup, jobId);
        List<JobItem> items = cleanup.items(job.id());
        assertThat(items.get(items.size() - 1).state()).isEqualTo(ItemState.ALREADY_DONE);
        assertThat(items.get(items.size() - 1).message()).contains("already gone");
        assertThat(items.subList(0, items.size() - 1)).allSatisfy(item -> assertThat(item.state()).isEqualTo(ItemState.DELETED));
        assertAudited(audit, cleanup, job);
        assertThat(CleanupTesting.audit(audit, job)).anySatisfy(entry ->
                assertThat(entry.outcome()).isEqualTo(dev.ghcrdashboard.audit.AuditOutcome.ALREADY_DONE));

        // The trash tells who deleted what: the version deleted elsewhere shows "someone else".
        List<TrashEntry> entries = trash.ofPackage(OCTOCAT, acme, "api");
        assertThat(entries.stream().flatMap(entry -> java.util.stream.Stream.concat(java.util.stream.Stream.of(entry), entry.members().stream())))
                .anySatisfy(entry -> {
                    assertThat(entry.versionId()).isEqualTo(ids.get(ids.size() - 1));
                    assertThat(entry.deletedBy()).isNull();
                });
    }

    @Test
    void aChangeBetweenPreviewAndConfirmShowsTheNewPlanInsteadOfDeleting() {
        PackageAnalysis analysis = cleanup.analysis(OCTOCAT, acme, "octo-labs".equals("x") ? "" : "leaky");
        VersionNode untagged = analysis.graph().nodes().stream().filter(node -> !node.tagged()).findFirst().orElseThrow();
        CleanupService.Preview preview = cleanup.preview(OCTOCAT, acme, "leaky",
                CleanupTesting.rules(true, "", "", "glob", "matching", ""));
        assertThat(preview.plan().versionIdsInOrder()).containsExactly(untagged.id());
        control.pushTag("acme", "leaky", "latest"); // the old latest becomes an untagged orphan
        var confirmation = cleanup.confirm(OCTOCAT, acme, preview.id(), "leaky");
        assertThat(confirmation).isInstanceOf(CleanupService.Changed.class);
        assertThat(((CleanupService.Changed) confirmation).preview().plan().versionIdsInOrder()).hasSize(2);
        assertThat(control.versions("acme", "leaky", true)).as("nothing deleted").isEmpty();
    }

    @Test
    void aSecondaryLimitMidJobIsWaitedOutAndEveryVersionStillGoesOnce() throws Exception {
        CleanupTesting.DeleteCounter deletes = new CleanupTesting.DeleteCounter(github);
        control.addFault(FaultRule.secondaryLimit("DELETE", "/packages/container/base/versions/", 1).afterMatches(1).times(1));
        PackageAnalysis analysis = cleanup.analysis(OCTOCAT, acme, "base");
        VersionNode image = analysis.graph().roots().get(analysis.graph().roots().size() - 1);
        CleanupService.Preview preview = cleanup.preview(OCTOCAT, acme, "base", pick(image.id()));
        Job job = awaitEnd(cleanup, ((CleanupService.Started) cleanup.confirm(OCTOCAT, acme, preview.id(), "base")).jobId());
        assertThat(cleanup.items(job.id())).hasSize(3)
                .allSatisfy(item -> assertThat(item.state()).isEqualTo(ItemState.DELETED));
        assertThat(deletes.accepted.values()).hasSize(3).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(deletes.sent.values().stream().mapToLong(java.util.concurrent.atomic.AtomicLong::get).sum())
                .as("one DELETE was throttled and sent again").isEqualTo(4);
        assertAudited(audit, cleanup, job);
    }

    @Test
    void aDeleteWithoutAdminRightsIsAFailureNotAnAlreadyGone() throws Exception {
        Owner labs = owners.find(OCTOCAT, "octo-labs").orElseThrow();
        PackageAnalysis analysis = cleanup.analysis(OCTOCAT, labs, "experiment");
        CleanupService.Preview preview = cleanup.preview(OCTOCAT, labs, "experiment", pick(tagged(analysis, "main").id()));
        Job job = awaitEnd(cleanup, ((CleanupService.Started) cleanup.confirm(OCTOCAT, labs, preview.id(), "experiment")).jobId());
        assertThat(cleanup.items(job.id())).allSatisfy(item -> {
            assertThat(item.state()).isEqualTo(ItemState.FAILED);
            assertThat(item.message()).contains("still there");
        });
        assertThat(control.versions("octo-labs", "experiment", true)).isEmpty();
        assertAudited(audit, cleanup, job);
    }

    @Test
    void aServerErrorMidPaginationIsRetriedAndThePlanCoversEveryPage() {
        control.addFault(FaultRule.status("GET", "/packages/container/base/versions\\?.*page=2", 500).times(1));
        CleanupService.Preview preview = cleanup.preview(OCTOCAT, acme, "base", CleanupTesting.rules(false, "0", "", "glob", "matching", "1"));
        assertThat(preview.analysis().graph().size()).isEqualTo(120);
        assertThat(preview.plan().toDelete()).hasSize(117);
        assertThat(preview.needsTypedConfirmation()).isTrue();
    }

    @Test
    void anInvalidPatternIsRefusedNotPlanned() {
        assertThatThrownBy(() -> cleanup.preview(OCTOCAT, acme, "web", CleanupTesting.rules(false, "", "v[1", "regex", "matching", "")))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("v[1");
    }
}
