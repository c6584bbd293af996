package dev.ghcrdashboard.cleanup;

import dev.ghcrdashboard.common.PackageNames;
import dev.ghcrdashboard.common.Paths;
import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.owners.OwnerDirectory;
import dev.ghcrdashboard.security.SignedInUser;
import jakarta.validation.Valid;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Tag actions of a version page: a preview of what putting a tag on the image (adding it, or moving it from the
 * image that has it) or taking one off would change, and the confirmation that starts the job.
 */
@Controller
record TagController(OwnerDirectory owners, TagChanges changes, Paths paths) {

    @GetMapping("/owners/{owner}/tags")
    String preview(@PathVariable String owner, @Valid @ModelAttribute("tagForm") TagForm form, BindingResult errors,
                   SignedInUser user, Model model) {
        Owner resolved = owners.requireAdministered(user, owner, "change tags");
        return view(model, resolved, PackageNames.require(form.name()), form, errors, user, false);
    }

    @PostMapping("/owners/{owner}/tags")
    String confirm(@PathVariable String owner, @Valid @ModelAttribute("tagForm") TagForm form, BindingResult errors,
                   SignedInUser user, Model model) {
        Owner resolved = owners.requireAdministered(user, owner, "change tags");
        String packageName = PackageNames.require(form.name());
        if (errors.hasErrors()) {
            return view(model, resolved, packageName, form, errors, user, false);
        }
        String back = paths.tagChange(resolved.login(), packageName, form.version(), form.action(), form.tag());
        if (!user.hasScope(CleanupService.WRITE_SCOPE)) {
            return "redirect:" + paths.permission("tag", back);
        }
        if (form.removes() && !user.hasScope(CleanupService.DELETE_SCOPE)) {
            return "redirect:" + paths.permission("delete", back);
        }
        TagChanges.Plan plan = plan(user, resolved, packageName, form);
        if (!plan.possible() || !plan.fingerprint().equals(form.expected())) {
            return view(model, resolved, packageName, form, errors, user, true);
        }
        String jobId = changes.start(user, resolved, packageName, plan);
        return "redirect:" + paths.job(resolved.login(), jobId);
    }

    private String view(Model model, Owner owner, String packageName, TagForm form, BindingResult errors, SignedInUser user, boolean changed) {
        PackageHeader.addTo(model, paths, owner, packageName, user);
        model.addAttribute("changed", changed);
        if (form.version() != null) {
            model.addAttribute("versionPath", paths.version(owner.login(), packageName, form.version()));
        }
        if (!errors.hasErrors()) {
            TagChanges.Plan plan = plan(user, owner, packageName, form);
            if (!plan.possible()) {
                errors.rejectValue("tag", "impossible", plan.problem());
            } else {
                model.addAttribute("plan", plan);
            }
        }
        return "cleanup/tag-change";
    }

    private TagChanges.Plan plan(SignedInUser user, Owner owner, String packageName, TagForm form) {
        return form.removes()
                ? changes.planRemove(user, owner, packageName, form.version(), form.tag())
                : changes.planPut(user, owner, packageName, form.version(), form.tag().trim());
    }
}
