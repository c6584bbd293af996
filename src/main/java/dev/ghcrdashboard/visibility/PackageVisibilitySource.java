package dev.ghcrdashboard.visibility;

import dev.ghcrdashboard.github.AccessToken;
import dev.ghcrdashboard.github.ContainerPackage;
import dev.ghcrdashboard.github.Owner;

/**
 * What GitHub currently reports about one package. The watcher calls this every few seconds while a
 * change is pending, so implementations should use conditional requests (a 304 costs no rate budget).
 */
interface PackageVisibilitySource {

    ContainerPackage current(Owner owner, String packageName, AccessToken token);
}
