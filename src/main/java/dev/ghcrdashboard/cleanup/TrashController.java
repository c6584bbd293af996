package dev.ghcrdashboard.cleanup;

import dev.ghcrdashboard.common.PackageNames;
import dev.ghcrdashboard.common.Paths;
import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.owners.OwnerDirectory;
import dev.ghcrdashboard.security.ReturnAddress;
import dev.ghcrdashboard.security.SignedInUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/** The trash of a package or an owner, restoring from it, and the integrity check that repairs from it. */
@Controller
record TrashController(OwnerDirectory owners, CleanupService cleanup, Trash trash, IntegrityCheck integrity,
                       Paths paths) {

    @GetMapping("/owners/{owner}/trash")
    String trashPage(@PathVariable String owner, @RequestParam(required = false) String name,
                     @RequestParam(name = "chosen", required = false) List<Long> chosen, SignedInUser user,
                     HttpServletRequest request, Model model) {
        Owner resolved = owners.require(user, owner);
        String packageName = name == null ? null : PackageNames.require(name);
        String query = request.getQueryString();
        model.addAttribute("restore", new RestoreForm(packageName, null, null, null));
        model.addAttribute("chosen", chosen == null ? Set.of() : Set.copyOf(chosen));
        return trashView(model, resolved, packageName, user, request.getRequestURI() + (query == null ? "" : "?" + query));
    }

    @PostMapping("/owners/{owner}/trash/restore")
    String restore(@PathVariable String owner, @Valid @ModelAttribute("restore") RestoreForm restore, BindingResult errors,
                   SignedInUser user, Model model) {
        Owner resolved = owners.requireAdministered(user, owner, "restore versions");
        String packageName = PackageNames.require(restore.name());
        String back = restore.returnTo() != null ? ReturnAddress.localPath(restore.returnTo()) : paths.trash(resolved.login(), packageName);
        if (errors.hasErrors()) {
            model.addAttribute("chosen", restore.chosen());
            return trashView(model, resolved, packageName, user, back);
        }
        if (!user.hasScope(Trash.RESTORE_SCOPE)) {
            // After GitHub grants the scope the person is back on the trash page with the same versions ticked.
            String withChoice = UriComponentsBuilder.fromUriString(back)
                    .replaceQueryParam("chosen", restore.chosen().toArray()).build().toUriString();
            return "redirect:" + paths.permission("restore", withChoice);
        }
        String jobId = trash.restore(user, resolved, packageName, restore.chosen());
        return "redirect:" + paths.job(resolved.login(), jobId);
    }

    @PostMapping("/owners/{owner}/integrity")
    String integrity(@PathVariable String owner, @RequestParam String name, SignedInUser user, Model model) {
        Owner resolved = owners.require(user, owner);
        String packageName = PackageNames.require(name);
        PackageHeader.addTo(model, paths, resolved, packageName, user);
        model.addAttribute("report", integrity.check(user.login(), user.token(), resolved, packageName));
        model.addAttribute("orphansCleanupPath", paths.cleanup(resolved.login(), packageName) + "&" + Paths.query("groups[0].orphans") + "=true");
        model.addAttribute("canRestore", user.hasScope(Trash.RESTORE_SCOPE));
        model.addAttribute("returnTo", paths.trash(resolved.login(), packageName));
        return "cleanup/integrity";
    }

    @PostMapping("/owners/{owner}/integrity/placeholders")
    String removePlaceholders(@PathVariable String owner, @RequestParam String name, SignedInUser user) {
        Owner resolved = owners.requireAdministered(user, owner, "remove leftover placeholders");
        String packageName = PackageNames.require(name);
        if (!user.hasScope(CleanupService.DELETE_SCOPE)) {
            return "redirect:" + paths.permission("delete", paths.packages(resolved.login()));
        }
        // Checked again here, not taken from the page: only versions whose manifest is a placeholder are deleted.
        IntegrityReport report = integrity.check(user.login(), user.token(), resolved, packageName);
        return cleanup.removePlaceholders(user, resolved, packageName, report.placeholders())
                .map(jobId -> "redirect:" + paths.job(resolved.login(), jobId))
                .orElse("redirect:" + paths.pkg(resolved.login(), packageName));
    }

    private String trashView(Model model, Owner owner, String packageName, SignedInUser user, String returnTo) {
        cleanup.offerToken(user);
        model.addAttribute("owner", owner);
        model.addAttribute("canRestore", user.hasScope(Trash.RESTORE_SCOPE));
        model.addAttribute("returnTo", returnTo);
        model.addAttribute("packageName", packageName);
        if (packageName != null) {
            model.addAttribute("packagePath", paths.pkg(owner.login(), packageName));
            model.addAttribute("byPackage", Map.of(packageName, trash.ofPackage(user, owner, packageName)));
        } else {
            model.addAttribute("byPackage", trash.ofOwner(user, owner));
        }
        return "cleanup/trash";
    }
}
