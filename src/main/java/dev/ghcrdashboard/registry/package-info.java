/**
 * The ghcr.io registry (OCI distribution API) as the dashboard uses it: the token challenge, manifests
 * and image configurations by digest (fetched at most once and kept by digest, because every GET counts
 * as a download on GitHub — docs/ghcr-platform.md §3, §7), tag lists, and the anonymous-pull proof; and the
 * writes tag changes need ({@link dev.ghcrdashboard.registry.RegistryWriter}): a manifest put under another tag,
 * blob uploads, and the placeholder that takes a tag off an image (ghcr.io has no tag delete, §7.4).
 */
@ApplicationModule(displayName = "Registry client", allowedDependencies = {"github", "caching", "persistence"})
package dev.ghcrdashboard.registry;

import org.springframework.modulith.ApplicationModule;
