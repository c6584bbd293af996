package dev.ghcrdashboard.cleanup;

import dev.ghcrdashboard.common.Paths;
import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.security.SignedInUser;
import org.springframework.ui.Model;

/** What every cleanup page about one package shows at its top: where it is, and the links between its pages. */
final class PackageHeader {

    private PackageHeader() {
    }

    static void addTo(Model model, Paths paths, Owner owner, String packageName, SignedInUser user) {
        model.addAttribute("owner", owner);
        model.addAttribute("packageName", packageName);
        model.addAttribute("packagePath", paths.pkg(owner.login(), packageName));
        model.addAttribute("packagesPath", paths.packages(owner.login()));
        model.addAttribute("canDelete", user.hasScope(CleanupService.DELETE_SCOPE));
        model.addAttribute("canWrite", user.hasScope(CleanupService.WRITE_SCOPE));
        model.addAttribute("cleanupPath", paths.cleanup(owner.login(), packageName));
        model.addAttribute("deletePackagePath", paths.deletePackage(owner.login(), packageName));
        model.addAttribute("trashPath", paths.trash(owner.login(), packageName));
    }
}
