package dev.ghcrdashboard.cleanup;

import static dev.ghcrdashboard.cleanup.CleanupTesting.OCTOCAT;

import dev.ghcrdashboard.audit.AuditLog;
import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.owners.OwnerDirectory;
import dev.ghcrdashboard.simulator.Simulator;
import dev.ghcrdashboard.simulator.SimulatorControl;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the cleanup tests against the GitHub simulator share: the simulator, the services they drive the way the
 * pages do, and octocat's organization acme, with the job runner running (a test before may have stopped it).
 */
abstract class SimulatedCleanupTest {

    @Autowired
    Simulator github;
    @Autowired
    CleanupService cleanup;
    @Autowired
    OwnerDirectory owners;
    @Autowired
    AuditLog audit;
    @Autowired
    JobRunner runner;

    SimulatorControl control;
    Owner acme;

    @BeforeEach
    void acmeWithTheRunnerRunning() {
        control = github.control();
        acme = owners.find(OCTOCAT, "acme").orElseThrow();
        runner.start();
    }
}
