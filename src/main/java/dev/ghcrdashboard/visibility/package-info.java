/**
 * Visibility: what GitHub reports, what an anonymous pull proves, guided changes, policy and drift.
 *
 * <p>GitHub has no API that changes a container package's visibility (docs/ghcr-platform.md §6), so a
 * change is handed to a person ({@code GuidedVisibilityChanger}) and the dashboard watches and verifies
 * the result ({@code VisibilityChanges}). Outcomes are published as events
 * ({@code VisibilityChangeStarted|Verified|Abandoned}) for the audit log.
 *
 * <p>GitHub and the registry are reached through small ports wired in {@code VisibilityWiring}
 * ({@code PackageVisibilitySource}, {@code OwnerPackagesSource}, {@code AnonymousPullProver}), so the
 * feature's tests stand in for them without a network.
 */
@ApplicationModule(displayName = "Visibility", allowedDependencies = {"github", "registry", "owners", "security", "common", "caching", "persistence"})
package dev.ghcrdashboard.visibility;

import org.springframework.modulith.ApplicationModule;
