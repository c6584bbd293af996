/**
 * Running the dashboard for a team: settings checked before anything starts (each bad one stops the start with
 * one sentence naming it and what to do, {@link dev.ghcrdashboard.operations.ConfigurationProblem}), failure
 * analysis for an unreachable database, and the health of the services it depends on.
 */
@ApplicationModule(displayName = "Operations: settings, start-up failures, health", allowedDependencies = {"github"})
package dev.ghcrdashboard.operations;

import org.springframework.modulith.ApplicationModule;
