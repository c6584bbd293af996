package dev.ghcrdashboard.visibility;

import dev.ghcrdashboard.github.AccessToken;
import dev.ghcrdashboard.github.ContainerPackage;
import dev.ghcrdashboard.github.Owner;
import java.util.List;

/** Every container package of an owner, as the drift report needs them (all pages). */
interface OwnerPackagesSource {

    List<ContainerPackage> packages(Owner owner, AccessToken token);
}
