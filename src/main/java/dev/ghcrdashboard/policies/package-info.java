/**
 * Retention policies: cleanup rules saved once for one package, a name pattern or every package of an owner, previewed
 * across what they cover, and run on a schedule or by hand — first as dry runs that only report, then (after an
 * admin's explicit confirmation) as act runs that start cleanup jobs on the same engine as a manual cleanup. A run
 * that would remove more than a configured share of a package stops that package and asks. Runs are claimed once
 * across instances through the policy's stored {@code next_run_at}; each run's outcome is sent to the owner's
 * webhooks. Policies can be exported and imported as YAML.
 */
@ApplicationModule(displayName = "Retention policies",
        allowedDependencies = {"cleanup", "github", "owners", "security", "secrets", "notifications", "visibility", "common",
                "persistence"})
package dev.ghcrdashboard.policies;

import org.springframework.modulith.ApplicationModule;
