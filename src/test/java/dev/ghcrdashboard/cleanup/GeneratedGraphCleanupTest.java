package dev.ghcrdashboard.cleanup;

import static dev.ghcrdashboard.cleanup.CleanupTesting.OCTOCAT;
import static dev.ghcrdashboard.cleanup.CleanupTesting.awaitEnd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.audit.AuditLog;
import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.owners.OwnerDirectory;
import dev.ghcrdashboard.packages.PackageAnalysis;
import dev.ghcrdashboard.packages.VersionNode;
import dev.ghcrdashboard.simulator.Scenario;
import dev.ghcrdashboard.simulator.SimulatedVersion;
import dev.ghcrdashboard.simulator.Simulator;
import dev.ghcrdashboard.support.SimulatorBackedTest;
import dev.ghcrdashboard.support.SimulatorSetup;
import dev.ghcrdashboard.simulator.SimulatorControl;
import dev.ghcrdashboard.simulator.SimulatorOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * For randomly generated packages and random rules, the executed plan leaves every remaining tag
 * resolving to a complete image, and deletes exactly what the plan listed. Re-run a failure with
 * {@code -Dcleanup.seed=SEED} (the seed is in every failure message).
 */
@SimulatorBackedTest(setup = GeneratedGraphCleanupTest.RandomPackages.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@FastJobs
class GeneratedGraphCleanupTest {

    static final long SEED = Long.getLong("cleanup.seed", System.nanoTime());
    static final int PACKAGES = 30;

    static final class RandomPackages implements SimulatorSetup {
        @Override
        public Simulator start() {
            return Simulator.start(Scenario.load(GeneratedPackages.write(SEED, PACKAGES)), SimulatorOptions.defaults());
        }
    }

    @Autowired
    Simulator github;
    @Autowired
    CleanupService cleanup;
    @Autowired
    OwnerDirectory owners;
    @Autowired
    AuditLog audit;

    @Test
    void executedPlansNeverBreakAKeptTagAndDeleteNothingElse() throws Exception {
        SimulatorControl control = github.control();
        Owner acme = owners.find(OCTOCAT, "acme").orElseThrow();
        Random random = new Random(SEED);
        int totalDeleted = 0;
        for (int p = 0; p < PACKAGES; p++) {
            String name = "gen-" + p;
            PackageAnalysis analysis = cleanup.analysis(OCTOCAT, acme, name);
            CleanupForm form = randomForm(random, analysis);
            String context = "seed " + SEED + ", package " + name + ", form " + form;
            CleanupService.Preview preview = cleanup.preview(OCTOCAT, acme, name, form);
            List<Long> planned = preview.plan().versionIdsInOrder();
            if (!planned.isEmpty()) {
                var confirmation = cleanup.confirm(OCTOCAT, acme, preview.id(), name);
                assertThat(confirmation).as(context).isInstanceOf(CleanupService.Started.class);
                Job job = awaitEnd(cleanup, ((CleanupService.Started) confirmation).jobId());
                assertThat(cleanup.items(job.id())).as(context)
                        .allSatisfy(item -> assertThat(item.state()).isEqualTo(ItemState.DELETED));
                CleanupTesting.assertAudited(audit, cleanup, job);
            }
            Set<Long> deleted = control.versions("acme", name, true).stream().map(SimulatedVersion::id).collect(Collectors.toSet());
            assertThat(deleted).as(context + ": deleted exactly the plan").isEqualTo(Set.copyOf(planned));
            totalDeleted += deleted.size();
            for (SimulatedVersion kept : control.versions("acme", name, false)) {
                for (String tag : kept.tags()) {
                    String digest = control.resolveTag("acme", name, tag).orElse(null);
                    assertThat(digest).as(context + ": tag " + tag + " resolves").isEqualTo(kept.digest());
                    assertThat(control.isComplete("acme", name, digest)).as(context + ": tag " + tag + " is complete").isTrue();
                }
            }
        }
        assertThat(totalDeleted).as("seed " + SEED + ": the random rules deleted something at all").isPositive();
    }

    private static CleanupForm randomForm(Random random, PackageAnalysis analysis) {
        List<VersionNode> roots = analysis.graph().roots();
        List<Long> picks = new ArrayList<>();
        if (random.nextInt(3) == 0) {
            for (VersionNode root : roots) {
                if (random.nextInt(3) == 0) {
                    picks.add(root.id());
                }
            }
        }
        boolean orphans = random.nextInt(3) == 0;
        String olderThan = List.of("", "", "10", "30", "0").get(random.nextInt(5));
        String pattern = List.of("", "", "v*", "pr-*", "v[0-9]", "v1?").get(random.nextInt(6));
        String syntax = pattern.equals("v[0-9]") ? "regex" : "glob";
        String mode = random.nextBoolean() ? "matching" : "not-matching";
        String keep = List.of("", "", "0", "1", "2").get(random.nextInt(5));
        CleanupForm form = new CleanupForm(picks, orphans, olderThan, pattern, syntax, mode, keep);
        if (!form.asksForSomething() && !roots.isEmpty()) {
            form = new CleanupForm(List.of(roots.get(random.nextInt(roots.size())).id()), false, "", "", "glob", "matching", keep);
        }
        return form;
    }
}
