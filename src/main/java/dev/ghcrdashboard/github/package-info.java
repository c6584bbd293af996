/**
 * GitHub's REST API as the dashboard uses it: owners, memberships, packages and their versions, delete
 * and restore. Pagination follows {@code Link} verbatim, conditional requests keep repeated reads free,
 * and primary and secondary rate limits are honoured (docs/ghcr-platform.md §2, §5).
 *
 * <p>Its records ({@code Owner}, {@code ContainerPackage}, {@code PackageVersion}, {@code AccessToken})
 * are the vocabulary every other module speaks; its typed exceptions say what GitHub answered. The
 * registry client shares its {@link dev.ghcrdashboard.github.RetryPolicy} and
 * {@link dev.ghcrdashboard.github.LinkHeader}. Uses only the shared caches.
 */
@ApplicationModule(displayName = "GitHub REST client", allowedDependencies = "caching")
package dev.ghcrdashboard.github;

import org.springframework.modulith.ApplicationModule;
