/**
 * What a person browses: an owner's packages, a package's versions grouped under their images (platform
 * manifests, attestations, signatures and referrers placed under what they belong to, orphans marked),
 * and one version's manifest. The graph ({@link dev.ghcrdashboard.packages.PackageGraph}) is what
 * cleanup plans against.
 */
@ApplicationModule(displayName = "Packages and versions",
        allowedDependencies = {"github", "registry", "owners", "security", "common", "visibility", "caching"})
package dev.ghcrdashboard.packages;

import org.springframework.modulith.ApplicationModule;
