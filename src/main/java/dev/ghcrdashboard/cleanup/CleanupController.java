package dev.ghcrdashboard.cleanup;

import dev.ghcrdashboard.common.PackageNames;
import dev.ghcrdashboard.common.Paths;
import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.owners.OwnerDirectory;
import dev.ghcrdashboard.packages.PackageAnalysis;
import dev.ghcrdashboard.packages.VersionNode;
import dev.ghcrdashboard.security.ReturnAddress;
import dev.ghcrdashboard.security.SignedInUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Choosing what to delete: picks and rules and their preview on one page, the confirmation that starts
 * the job, and deleting a whole package. Jobs and the trash have their own controllers.
 */
@Controller
record CleanupController(OwnerDirectory owners, CleanupService cleanup, Paths paths) {

    /** The choosing list shows this many images; rules reach every version. */
    private static final int PICK_LIST_LIMIT = 500;

    /**
     * The form is a record of records, built through its constructor only: binding request parameters to its
     * properties afterwards would walk {@code groups[N]} paths into an immutable list.
     */
    @InitBinder("form")
    void constructorBindingOnly(WebDataBinder binder) {
        binder.setDeclarativeBinding(true);
    }

    /**
     * Spring's constructor binding fails on a list index past its growth limit instead of refusing it, so a request
     * naming {@code groups[100000]} is refused here, before binding (this runs before the handler's arguments).
     */
    @ModelAttribute
    void refuseGroupIndexesBeyondTheLimit(HttpServletRequest request) {
        RuleGroupForm.refuseGroupIndexesFrom(request.getParameterMap().keySet(), CleanupForm.MAX_GROUPS);
    }

    @GetMapping("/owners/{owner}/cleanup")
    String cleanupPage(@PathVariable String owner, @RequestParam String name, @Valid @ModelAttribute("form") CleanupForm form,
                       BindingResult errors, @RequestParam(required = false) boolean addGroup, SignedInUser user,
                       HttpServletRequest request, Model model) {
        Owner resolved = owners.require(user, owner);
        String packageName = PackageNames.require(name);
        cleanup.offerToken(user);
        PackageAnalysis analysis = cleanup.analysis(user, resolved, packageName);
        PackageHeader.addTo(model, paths, resolved, packageName, user);
        model.addAttribute("analysis", analysis);
        model.addAttribute("roots", analysis.graph().roots().stream().limit(PICK_LIST_LIMIT).map(root -> pickRow(analysis, root)).toList());
        model.addAttribute("rootsTruncated", analysis.graph().roots().size() > PICK_LIST_LIMIT);
        model.addAttribute("returnTo", currentUrl(request));
        model.addAttribute("recentJobs", cleanup.recentJobs(resolved, packageName).stream()
                .map(job -> new JobLink(job, paths.job(resolved.login(), job.id()))).toList());
        if (addGroup && !errors.hasErrors()) {
            // Another empty group to fill in; nothing is planned until the person asks for a preview.
            CleanupForm more = form.withAnotherGroup();
            model.addAttribute("form", more);
            model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "form", new BeanPropertyBindingResult(more, "form"));
            return "cleanup/cleanup";
        }
        // A viewer sees the package and its jobs, and why they cannot delete; no plan is made or stored for them.
        if (form.asksForSomething() && !errors.hasErrors() && owners.access(user, resolved).admin()) {
            form.toRequest(errors).ifPresent(rules -> {
                try {
                    CleanupService.Preview preview = cleanup.preview(user, resolved, packageName, form, rules);
                    model.addAttribute("preview", preview);
                    model.addAttribute("confirmation", new ConfirmForm(preview.id(), "", currentUrl(request)));
                } catch (PatternTooExpensiveException e) {
                    errors.rejectValue("groups[" + form.groupWithPattern(e.pattern()) + "].tagPattern", "tooExpensive", e.getMessage());
                }
            });
        }
        return "cleanup/cleanup";
    }

    @PostMapping("/owners/{owner}/cleanup/confirm")
    String confirm(@PathVariable String owner, @Valid @ModelAttribute("confirmation") ConfirmForm confirmation,
                   BindingResult errors, SignedInUser user, Model model) {
        Owner resolved = owners.requireAdministered(user, owner, "delete versions");
        String returnTo = ReturnAddress.localPath(confirmation.returnTo());
        CleanupService.Confirmation outcome = cleanup.confirm(user, resolved, confirmation.previewId(), confirmation.confirmName());
        if (outcome instanceof CleanupService.Started started) {
            return "redirect:" + paths.job(resolved.login(), started.jobId());
        }
        if (outcome instanceof CleanupService.NeedsPermission needs) {
            return "redirect:" + paths.permission(needs.action(), returnTo);
        }
        CleanupService.Preview preview;
        if (outcome instanceof CleanupService.NotConfirmed notConfirmed) {
            preview = notConfirmed.preview();
            errors.rejectValue("confirmName", "mismatch", notConfirmed.reason());
        } else {
            preview = ((CleanupService.Changed) outcome).preview();
            model.addAttribute("changed", true);
        }
        PackageHeader.addTo(model, paths, resolved, preview.packageName(), user);
        model.addAttribute("form", preview.form());
        model.addAttribute("analysis", preview.analysis());
        model.addAttribute("roots", List.of());
        model.addAttribute("rootsTruncated", false);
        model.addAttribute("recentJobs", List.of());
        model.addAttribute("returnTo", returnTo);
        model.addAttribute("preview", preview);
        return "cleanup/cleanup";
    }

    @GetMapping("/owners/{owner}/delete-package")
    String deletePackagePage(@PathVariable String owner, @RequestParam String name, SignedInUser user, Model model) {
        Owner resolved = owners.require(user, owner);
        String packageName = PackageNames.require(name);
        model.addAttribute("deletion", new DeletePackageForm(packageName, ""));
        return deletePackageView(model, resolved, packageName, user);
    }

    @PostMapping("/owners/{owner}/delete-package")
    String deletePackage(@PathVariable String owner, @Valid @ModelAttribute("deletion") DeletePackageForm deletion,
                         BindingResult errors, SignedInUser user, Model model) {
        Owner resolved = owners.requireAdministered(user, owner, "delete packages");
        String packageName = PackageNames.require(deletion.name());
        if (!user.hasScope(CleanupService.DELETE_SCOPE)) {
            return "redirect:" + paths.permission("delete", paths.deletePackage(resolved.login(), packageName));
        }
        String expected = resolved.login() + "/" + packageName;
        if (!expected.equals(deletion.confirm() == null ? null : deletion.confirm().trim())) {
            errors.rejectValue("confirm", "mismatch", "Type " + expected + " to confirm deleting the whole package.");
        }
        if (errors.hasErrors()) {
            return deletePackageView(model, resolved, packageName, user);
        }
        cleanup.deletePackage(user, resolved, packageName);
        return "redirect:" + paths.packages(resolved.login()) + "?deleted=" + Paths.query(packageName);
    }

    private String deletePackageView(Model model, Owner owner, String packageName, SignedInUser user) {
        PackageHeader.addTo(model, paths, owner, packageName, user);
        model.addAttribute("expected", owner.login() + "/" + packageName);
        model.addAttribute("versionCount", cleanup.analysis(user, owner, packageName).graph().size());
        return "cleanup/delete-package";
    }

    private PickRow pickRow(PackageAnalysis analysis, VersionNode root) {
        return new PickRow(root, analysis.graph().closure(root).size() - 1,
                paths.version(analysis.containerPackage() != null ? analysis.containerPackage().owner().login() : "",
                        analysis.containerPackage() != null ? analysis.containerPackage().name() : "", root.id()));
    }

    private static String currentUrl(HttpServletRequest request) {
        String query = request.getQueryString();
        return request.getRequestURI() + (query == null ? "" : "?" + query);
    }

    /** A recent job of the package, for the list under the cleanup form. */
    record JobLink(Job job, String path) {
    }

    /** An image in the choosing list: its root and how many versions go with it. */
    record PickRow(VersionNode node, int parts, String versionPath) {
    }
}
