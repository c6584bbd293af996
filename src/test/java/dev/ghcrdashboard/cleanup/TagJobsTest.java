package dev.ghcrdashboard.cleanup;

import static dev.ghcrdashboard.cleanup.CleanupTesting.OCTOCAT;
import static dev.ghcrdashboard.cleanup.CleanupTesting.assertAudited;
import static dev.ghcrdashboard.cleanup.CleanupTesting.awaitEnd;
import static dev.ghcrdashboard.cleanup.CleanupTesting.tagged;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.audit.AuditAction;
import dev.ghcrdashboard.audit.AuditEntry;
import dev.ghcrdashboard.audit.AuditOutcome;
import dev.ghcrdashboard.github.AccessToken;
import dev.ghcrdashboard.packages.PackageAnalysis;
import dev.ghcrdashboard.packages.VersionNode;
import dev.ghcrdashboard.registry.RegistryCredentials;
import dev.ghcrdashboard.registry.RegistryRepository;
import dev.ghcrdashboard.registry.RegistryWriter;
import dev.ghcrdashboard.security.SignedInUser;
import dev.ghcrdashboard.simulator.RecordedExchange;
import dev.ghcrdashboard.simulator.SimulatedVersion;
import dev.ghcrdashboard.support.FastJobs;
import dev.ghcrdashboard.support.SimulatorBackedTest;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Tags added, moved and removed through the registry API as jobs, against the simulator playing ghcr.io: each
 * change checked where the registry resolves the tag, audited, resumable after a crash between the placeholder's
 * push and its deletion; leftover placeholders found by the integrity check and never offered by the trash; a
 * restore putting the recorded tags back as far as GitHub allows; and a cleanup whose tag rule untags.
 */
@SimulatorBackedTest(scenario = "classpath:scenarios/tags.yml", webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@FastJobs
class TagJobsTest extends SimulatedCleanupTest {

    @Autowired
    TagChanges changes;
    @Autowired
    Trash trash;
    @Autowired
    IntegrityCheck integrity;
    @Autowired
    Jobs jobs;
    @Autowired
    RegistryWriter writer;

    @Test
    void promotingStagingToProdMovesTheTagAndTheOldImageKeepsItsOtherTag() throws Exception {
        PackageAnalysis analysis = cleanup.analysis(OCTOCAT, acme, "promote");
        VersionNode staging = tagged(analysis, "staging");
        VersionNode prod = tagged(analysis, "prod");
        int versions = control.versions("acme", "promote", false).size();

        TagChanges.Plan plan = changes.planPut(OCTOCAT, acme, "promote", staging.id(), "prod");

        assertThat(plan.kind()).isEqualTo(JobKind.MOVE_TAG);
        assertThat(plan.previous().digest()).isEqualTo(prod.digest());
        assertThat(plan.previousTagsAfter()).containsExactly("v1");
        assertThat(plan.tagsAfter()).containsExactly("v2", "staging", "prod");
        assertThat(plan.headline()).startsWith("Move tag prod from image sha256:").contains("(tags v1, prod) to image");
        Job job = awaitEnd(cleanup, changes.start(OCTOCAT, acme, "promote", plan));

        assertThat(cleanup.items(job.id())).singleElement().satisfies(item -> {
            assertThat(item.state()).isEqualTo(ItemState.TAGGED);
            assertThat(item.message()).startsWith("moved from sha256:");
        });
        assertThat(control.resolveTag("acme", "promote", "prod")).contains(staging.digest());
        assertThat(control.resolveTag("acme", "promote", "v1")).contains(prod.digest());
        assertThat(control.versions("acme", "promote", false)).as("the same manifest, no new version").hasSize(versions);
        assertThat(control.isComplete("acme", "promote", staging.digest())).isTrue();
        assertAudited(audit, cleanup, job);
        assertThat(CleanupTesting.audit(audit, job)).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo(AuditAction.MOVE_TAG);
            assertThat(entry.tags()).containsExactly("prod");
            assertThat(entry.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
        });
    }

    @Test
    void aNewTagIsAddedAndAnInvalidOrReferrerTagIsRefusedBeforeAnythingStarts() throws Exception {
        VersionNode v1 = tagged(cleanup.analysis(OCTOCAT, acme, "promote"), "v1");

        assertThat(changes.planPut(OCTOCAT, acme, "promote", v1.id(), "-bad").problem()).contains("OCI tag grammar");
        assertThat(changes.planPut(OCTOCAT, acme, "promote", v1.id(), "sha256-" + "a".repeat(64) + ".sig").problem())
                .contains("bookkeeping of signing tools");
        assertThat(changes.planPut(OCTOCAT, acme, "promote", v1.id(), "v1").problem()).contains("already has the tag");
        TagChanges.Plan plan = changes.planPut(OCTOCAT, acme, "promote", v1.id(), "lts");
        assertThat(plan.kind()).isEqualTo(JobKind.ADD_TAG);
        Job job = awaitEnd(cleanup, changes.start(OCTOCAT, acme, "promote", plan));

        assertThat(cleanup.items(job.id())).singleElement().satisfies(item -> assertThat(item.state()).isEqualTo(ItemState.TAGGED));
        assertThat(control.resolveTag("acme", "promote", "lts")).contains(v1.digest());
        assertAudited(audit, cleanup, job);
    }

    @Test
    void removingOneOfThreeTagsKeepsTheImageWithTheOtherTwoAndLeavesNoPlaceholder() throws Exception {
        VersionNode image = tagged(cleanup.analysis(OCTOCAT, acme, "three"), "latest");
        List<RecordedExchange> deletes = new CopyOnWriteArrayList<>();
        control.addExchangeListener(exchange -> {
            if (exchange.method().equals("DELETE") && exchange.path().contains("/packages/container/three/versions/")) {
                deletes.add(exchange);
            }
        });

        TagChanges.Plan plan = changes.planRemove(OCTOCAT, acme, "three", image.id(), "latest");
        assertThat(plan.tagsAfter()).containsExactly("v2", "edge");
        assertThat(plan.notes()).anySatisfy(note -> assertThat(note).contains("placeholder"));
        Job job = awaitEnd(cleanup, changes.start(OCTOCAT, acme, "three", plan));

        JobItem item = cleanup.items(job.id()).get(0);
        assertThat(item.state()).as(item.message()).isEqualTo(ItemState.UNTAGGED);
        assertThat(item.message()).contains("pushed under latest and deleted");
        assertThat(control.resolveTag("acme", "three", "latest")).isEmpty();
        SimulatedVersion after = control.versions("acme", "three", false).stream().filter(v -> v.digest().equals(image.digest()))
                .findFirst().orElseThrow();
        assertThat(after.tags()).containsExactlyInAnyOrder("v2", "edge");
        assertThat(control.isComplete("acme", "three", image.digest())).isTrue();
        assertThat(control.resolveTag("acme", "three", "sha256-" + image.digest().substring(7) + ".sig")).as("its signature stays").isPresent();
        // The placeholder was a version of its own for a moment; it is deleted, and the trash never offers it.
        assertThat(item.placeholderDigest()).isNotNull();
        assertThat(control.versions("acme", "three", true)).extracting(SimulatedVersion::digest).containsExactly(item.placeholderDigest());
        assertThat(deletes).singleElement().satisfies(delete -> assertThat(delete.status()).isEqualTo(204));
        assertThat(trash.ofPackage(OCTOCAT, acme, "three")).isEmpty();
        assertThat(integrity.check("octocat", OCTOCAT.token(), acme, "three").healthy()).isTrue();
        assertAudited(audit, cleanup, job);
        assertThat(CleanupTesting.audit(audit, job)).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo(AuditAction.REMOVE_TAG);
            assertThat(entry.tags()).containsExactly("latest");
            assertThat(entry.digest()).isEqualTo(image.digest());
            assertThat(entry.detail()).contains("placeholder");
        });
    }

    @Test
    void aRemovalStoppedBetweenThePushAndTheDeleteFinishesAfterARestart() throws Exception {
        VersionNode image = tagged(cleanup.analysis(OCTOCAT, acme, "resume"), "latest");
        TagChanges.Plan plan = changes.planRemove(OCTOCAT, acme, "resume", image.id(), "latest");
        runner.stop();
        String jobId = changes.start(OCTOCAT, acme, "resume", plan);
        // The crashed runner had recorded the placeholder, pushed it under the tag, and died before deleting it.
        RegistryWriter.Placeholder placeholder = RegistryWriter.Placeholder.of(jobId + ".0", "latest");
        jobs.markItem(jobId, 0, ItemState.IN_FLIGHT, null);
        jobs.markPlaceholder(jobId, 0, placeholder.digest(), null);
        writer.pushPlaceholder(new RegistryRepository("acme", "resume"), "latest", placeholder,
                RegistryCredentials.user("octocat", OCTOCAT.token()));
        assertThat(control.resolveTag("acme", "resume", "latest")).contains(placeholder.digest());
        assertThat(integrity.check("octocat", OCTOCAT.token(), acme, "resume").placeholders()).hasSize(1);

        runner.start();
        Job job = awaitEnd(cleanup, jobId);

        assertThat(cleanup.items(job.id())).singleElement().satisfies(item -> {
            assertThat(item.state()).as(item.message()).isEqualTo(ItemState.UNTAGGED);
            assertThat(item.placeholderVersionId()).isNotNull();
        });
        assertThat(control.resolveTag("acme", "resume", "latest")).isEmpty();
        assertThat(control.versions("acme", "resume", false)).extracting(SimulatedVersion::digest).doesNotContain(placeholder.digest());
        assertThat(control.versions("acme", "resume", false)).filteredOn(v -> v.digest().equals(image.digest()))
                .singleElement().satisfies(v -> assertThat(v.tags()).containsExactly("v2"));
        assertThat(integrity.check("octocat", OCTOCAT.token(), acme, "resume").placeholders()).isEmpty();
        assertAudited(audit, cleanup, job);
    }

    @Test
    void theIntegrityCheckFindsALeftoverPlaceholderAndRemovesItWithoutOfferingItForRestore() throws Exception {
        RegistryWriter.Placeholder placeholder = RegistryWriter.Placeholder.of("lost-job.0", "beta");
        writer.pushPlaceholder(new RegistryRepository("acme", "leftover"), "beta", placeholder,
                RegistryCredentials.user("octocat", OCTOCAT.token()));

        IntegrityReport report = integrity.check("octocat", OCTOCAT.token(), acme, "leftover");

        assertThat(report.healthy()).isFalse();
        assertThat(report.placeholders()).singleElement().satisfies(left -> {
            assertThat(left.digest()).isEqualTo(placeholder.digest());
            assertThat(left.tags()).containsExactly("beta");
        });
        Job job = awaitEnd(cleanup, cleanup.removePlaceholders(OCTOCAT, acme, "leftover", report.placeholders()).orElseThrow());
        assertThat(cleanup.items(job.id())).singleElement().satisfies(item -> assertThat(item.state()).isEqualTo(ItemState.DELETED));
        assertThat(control.resolveTag("acme", "leftover", "beta")).isEmpty();
        assertThat(control.versions("acme", "leftover", true)).extracting(SimulatedVersion::digest).containsExactly(placeholder.digest());
        assertThat(trash.ofPackage(OCTOCAT, acme, "leftover")).as("a placeholder is never offered for restore").isEmpty();
        assertThat(integrity.check("octocat", OCTOCAT.token(), acme, "leftover").healthy()).isTrue();
    }

    @Test
    void tagsMatchingVKeepTwoNewestUntagsTheImageWithAnotherTagAndDeletesTheRest() throws Exception {
        PackageAnalysis analysis = cleanup.analysis(OCTOCAT, acme, "rules");
        VersionNode v1 = tagged(analysis, "v1");
        VersionNode v2 = tagged(analysis, "v2");
        VersionNode nightly = tagged(analysis, "nightly");

        CleanupService.Preview preview = cleanup.preview(OCTOCAT, acme, "rules", CleanupTesting.rules(false, "", "v*", "glob", "matching", "2"));

        DeletePlan plan = preview.plan();
        assertThat(plan.kept()).extracting(item -> item.node().tags()).containsExactly(List.of("v4", "latest"), List.of("v3"));
        assertThat(plan.kept()).extracting(KeptItem::explanation).containsOnly("kept: among the 2 newest images matching v*");
        assertThat(plan.toUntag()).singleElement().satisfies(untag -> {
            assertThat(untag.node().digest()).isEqualTo(v2.digest());
            assertThat(untag.removed()).containsExactly("v2");
            assertThat(untag.remaining()).containsExactly("keep-me");
        });
        assertThat(plan.toDelete()).extracting(item -> item.node().digest()).containsExactly(v1.digest());
        assertThat(preview.actionLabel()).isEqualTo("Delete 1 version and remove 1 tag");
        Job job = awaitEnd(cleanup, ((CleanupService.Started) cleanup.confirm(OCTOCAT, acme, preview.id(), "rules")).jobId());

        List<JobItem> items = cleanup.items(job.id());
        assertThat(items).extracting(JobItem::action).containsExactly(JobKind.REMOVE_TAG, JobKind.DELETE);
        assertThat(items).extracting(JobItem::state).containsExactly(ItemState.UNTAGGED, ItemState.DELETED);
        assertThat(control.resolveTag("acme", "rules", "keep-me")).contains(v2.digest());
        assertThat(control.isComplete("acme", "rules", v2.digest())).isTrue();
        assertThat(control.resolveTag("acme", "rules", "v2")).isEmpty();
        assertThat(control.resolveTag("acme", "rules", "nightly")).contains(nightly.digest());
        assertThat(control.resolveTag("acme", "rules", "v3")).isPresent();
        assertThat(control.resolveTag("acme", "rules", "v4")).isPresent();
        assertAudited(audit, cleanup, job);
        assertThat(CleanupTesting.audit(audit, job)).extracting(AuditEntry::action).containsExactlyInAnyOrder(AuditAction.REMOVE_TAG, AuditAction.DELETE_VERSION);
    }

    @Test
    void aRestorePutsBackTheTagsGitHubDidNotAndLeavesATagPushedAgainAlone() throws Exception {
        VersionNode image = tagged(cleanup.analysis(OCTOCAT, acme, "restore"), "v1");
        CleanupService.Preview preview = cleanup.preview(OCTOCAT, acme, "restore", CleanupTesting.pick(image.id()));
        awaitEnd(cleanup, ((CleanupService.Started) cleanup.confirm(OCTOCAT, acme, preview.id(), "restore")).jobId());
        // Meanwhile: "taken" is pushed again elsewhere and stays there; "extra" is pushed elsewhere and that image deleted.
        String other = control.pushTag("acme", "restore", "taken");
        String gone = control.pushTag("acme", "restore", "extra");
        control.deleteVersionAsSomeoneElse("acme", "restore", control.versions("acme", "restore", false).stream()
                .filter(v -> v.digest().equals(gone)).findFirst().orElseThrow().id());

        Job restore = awaitEnd(cleanup, trash.restore(OCTOCAT, acme, "restore", Set.of(image.id())));

        List<JobItem> items = cleanup.items(restore.id());
        assertThat(items.get(0).action()).isEqualTo(JobKind.RESTORE);
        assertThat(items.get(0).state()).isEqualTo(ItemState.RESTORED);
        var byTag = items.stream().filter(item -> item.action() == JobKind.ADD_TAG).collect(Collectors.toMap(JobItem::tag, item -> item));
        assertThat(byTag.get("v1").state()).as(byTag.get("v1").message()).isEqualTo(ItemState.ALREADY_DONE);
        assertThat(byTag.get("extra").state()).as(byTag.get("extra").message()).isEqualTo(ItemState.TAGGED);
        assertThat(byTag.get("taken").state()).as(byTag.get("taken").message()).isEqualTo(ItemState.REFUSED);
        assertThat(byTag.get("taken").message()).contains("pushed again since");
        assertThat(control.resolveTag("acme", "restore", "v1")).contains(image.digest());
        assertThat(control.resolveTag("acme", "restore", "extra")).contains(image.digest());
        assertThat(control.resolveTag("acme", "restore", "taken")).contains(other);
        assertAudited(audit, cleanup, restore);
    }

    @Test
    void whenGitHubRefusesToDeleteThePlaceholderTheJobSaysSoAndTheIntegrityCheckShowsIt() throws Exception {
        VersionNode image = tagged(cleanup.analysis(OCTOCAT, acme, "popular"), "latest");
        TagChanges.Plan plan = changes.planRemove(OCTOCAT, acme, "popular", image.id(), "latest");
        assertThat(plan.notes()).anySatisfy(note -> assertThat(note).contains("5,000"));

        Job job = awaitEnd(cleanup, changes.start(OCTOCAT, acme, "popular", plan));

        JobItem item = cleanup.items(job.id()).get(0);
        assertThat(item.state()).isEqualTo(ItemState.REFUSED);
        assertThat(item.message()).contains("refused to delete the placeholder").contains("now names the placeholder");
        assertThat(control.resolveTag("acme", "popular", "latest")).contains(item.placeholderDigest());
        assertThat(integrity.check("octocat", OCTOCAT.token(), acme, "popular").placeholders()).singleElement()
                .satisfies(left -> assertThat(left.tags()).containsExactly("latest"));
        assertAudited(audit, cleanup, job);
    }

    @Test
    void aTokenWithoutWritePackagesIsRefusedByTheRegistryAndNothingMoves() throws Exception {
        var noWrite = new SignedInUser("octocat", new AccessToken("ghp_tags_octocat_no_write"), Set.of("read:packages", "delete:packages", "read:org"));
        VersionNode v1 = tagged(cleanup.analysis(noWrite, acme, "unwritable"), "v1");
        TagChanges.Plan plan = changes.planPut(noWrite, acme, "unwritable", v1.id(), "latest");

        Job job = awaitEnd(cleanup, changes.start(noWrite, acme, "unwritable", plan));

        assertThat(cleanup.items(job.id())).singleElement().satisfies(item -> {
            assertThat(item.state()).isEqualTo(ItemState.REFUSED);
            assertThat(item.message()).contains("the registry refused").contains("write:packages");
        });
        assertThat(control.resolveTag("acme", "unwritable", "latest")).isNotEqualTo(java.util.Optional.of(v1.digest())).isPresent();
        assertAudited(audit, cleanup, job);
    }
}
