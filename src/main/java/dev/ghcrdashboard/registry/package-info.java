/**
 * The ghcr.io registry (OCI distribution API) as the dashboard uses it: the token challenge, manifests
 * and image configurations by digest (fetched at most once and kept by digest, because every GET counts
 * as a download on GitHub — docs/ghcr-platform.md §3, §7), tag lists, and the anonymous-pull proof.
 */
@ApplicationModule(displayName = "Registry client", allowedDependencies = {"github", "caching", "persistence"})
package dev.ghcrdashboard.registry;

import org.springframework.modulith.ApplicationModule;
