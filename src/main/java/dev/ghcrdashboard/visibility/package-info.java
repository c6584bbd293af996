/**
 * Visibility: what GitHub reports, what an anonymous pull proves, guided changes, policy and drift.
 *
 * <p>GitHub has no API that changes a container package's visibility, so a change is handed to a
 * person ({@link dev.ghcrdashboard.visibility.GuidedVisibilityChanger}) and the dashboard watches and
 * verifies the result ({@link dev.ghcrdashboard.visibility.VisibilityChanges}). Outcomes are published
 * as events ({@code VisibilityChangeStarted|Verified|Abandoned}) for the audit log.
 *
 * <p>The feature reaches the rest of the application only through ports the application implements:
 * {@link dev.ghcrdashboard.visibility.PackageVisibilitySource},
 * {@link dev.ghcrdashboard.visibility.AnonymousPullProver},
 * {@link dev.ghcrdashboard.visibility.OwnerPackagesSource},
 * {@link dev.ghcrdashboard.visibility.OwnerLookup} and
 * {@link dev.ghcrdashboard.visibility.CurrentActor}.
 */
package dev.ghcrdashboard.visibility;
