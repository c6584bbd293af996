/**
 * Deleting and restoring without breaking an image: plans that say what goes, what stays and why,
 * confirmation, paced background jobs that survive restarts, the trash, and the integrity check.
 *
 * <p>What happened is published as events ({@link dev.ghcrdashboard.cleanup.JobItemEnded},
 * {@link dev.ghcrdashboard.cleanup.PackageDeleteEnded}) inside the transaction that records it; the audit
 * log listens. Everything else is internal to the module.
 */
@ApplicationModule(displayName = "Cleanup, jobs and trash",
        allowedDependencies = {"github", "registry", "packages", "owners", "security", "common", "caching", "persistence", "secrets"})
package dev.ghcrdashboard.cleanup;

import org.springframework.modulith.ApplicationModule;
