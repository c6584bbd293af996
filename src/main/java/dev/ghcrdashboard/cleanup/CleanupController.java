package dev.ghcrdashboard.cleanup;

import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.owners.OwnerDirectory;
import dev.ghcrdashboard.common.PackageNames;
import dev.ghcrdashboard.packages.PackageAnalysis;
import dev.ghcrdashboard.packages.VersionNode;
import dev.ghcrdashboard.security.SignedInUser;
import dev.ghcrdashboard.common.BadRequestException;
import dev.ghcrdashboard.common.NotFoundException;
import dev.ghcrdashboard.common.Paths;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

/**
 * Cleanup pages: choose (picks and rules) and preview on one page, confirm, follow the job, delete a
 * whole package, the trash and restores, and the integrity check.
 */
@Controller
class CleanupController {

    private static final Pattern JOB_ID = Pattern.compile("[0-9a-f-]{36}");
    /** The choosing list shows this many images; rules reach every version. */
    private static final int PICK_LIST_LIMIT = 500;

    private final OwnerDirectory owners;
    private final CleanupService cleanup;
    private final Trash trash;
    private final IntegrityCheck integrity;
    private final Paths paths;

    CleanupController(OwnerDirectory owners, CleanupService cleanup, Trash trash, IntegrityCheck integrity, Paths paths) {
        this.owners = owners;
        this.cleanup = cleanup;
        this.trash = trash;
        this.integrity = integrity;
        this.paths = paths;
    }

    @GetMapping("/owners/{owner}/cleanup")
    String cleanupPage(@PathVariable String owner, @RequestParam String name, SignedInUser user,
                       @RequestParam(required = false) List<Long> select,
                       @RequestParam(defaultValue = "false") boolean orphans,
                       @RequestParam(required = false) String olderThan,
                       @RequestParam(required = false) String tagPattern,
                       @RequestParam(required = false) String tagSyntax,
                       @RequestParam(required = false) String tagMode,
                       @RequestParam(required = false) String keepNewest,
                       HttpServletRequest request, Model model) {
        Owner resolved = owners.require(user, owner);
        String packageName = PackageNames.require(name);
        cleanup.offerToken(user);
        CleanupForm form = new CleanupForm(select, orphans, olderThan, tagPattern, tagSyntax, tagMode, keepNewest);
        PackageAnalysis analysis = cleanup.analysis(user, resolved, packageName);
        common(model, resolved, packageName, user);
        model.addAttribute("form", form);
        model.addAttribute("analysis", analysis);
        model.addAttribute("roots", analysis.graph().roots().stream().limit(PICK_LIST_LIMIT).map(root -> pickRow(analysis, root)).toList());
        model.addAttribute("rootsTruncated", analysis.graph().roots().size() > PICK_LIST_LIMIT);
        model.addAttribute("returnTo", currentUrl(request));
        model.addAttribute("recentJobs", cleanup.recentJobs(resolved, packageName).stream()
                .map(job -> new JobLink(job, jobPath(resolved.login(), job.id()))).toList());
        if (form.asksForSomething()) {
            try {
                model.addAttribute("preview", cleanup.preview(user, resolved, packageName, form));
            } catch (CleanupForm.FieldError e) {
                model.addAttribute("fieldError", e.field());
                model.addAttribute("fieldMessage", e.getMessage());
            }
        }
        return "cleanup";
    }

    @PostMapping("/owners/{owner}/cleanup/confirm")
    String confirm(@PathVariable String owner, @RequestParam String previewId, @RequestParam(required = false) String confirmName,
                   @RequestParam(required = false) String returnTo, SignedInUser user, Model model) {
        Owner resolved = owners.require(user, owner);
        if (!user.hasScope(CleanupService.DELETE_SCOPE)) {
            return "redirect:/permissions/delete?return=" + encode(localPath(returnTo));
        }
        CleanupService.Confirmation confirmation;
        try {
            confirmation = cleanup.confirm(user, resolved, previewId, confirmName);
        } catch (CleanupForm.FieldError e) {
            throw new BadRequestException(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        if (confirmation instanceof CleanupService.Started started) {
            return "redirect:" + jobPath(resolved.login(), started.jobId());
        }
        CleanupService.Preview preview = ((CleanupService.Changed) confirmation).preview();
        String packageName = preview.analysis().containerPackage() != null ? preview.analysis().containerPackage().name() : "";
        common(model, resolved, packageName, user);
        model.addAttribute("form", preview.form());
        model.addAttribute("analysis", preview.analysis());
        model.addAttribute("roots", List.of());
        model.addAttribute("rootsTruncated", false);
        model.addAttribute("recentJobs", List.of());
        model.addAttribute("returnTo", localPath(returnTo));
        model.addAttribute("preview", preview);
        model.addAttribute("changed", true);
        return "cleanup";
    }

    @GetMapping("/owners/{owner}/jobs/{id}")
    String job(@PathVariable String owner, @PathVariable String id, SignedInUser user,
               @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        Owner resolved = owners.require(user, owner);
        cleanup.offerToken(user);
        Job job = job(resolved, id);
        model.addAttribute("owner", resolved);
        model.addAttribute("job", job);
        model.addAttribute("items", cleanup.items(id));
        var counts = cleanup.counts(id);
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        int done = counts.entrySet().stream().filter(e -> e.getKey().finished()).mapToInt(java.util.Map.Entry::getValue).sum();
        model.addAttribute("counts", counts);
        model.addAttribute("total", total);
        model.addAttribute("done", done);
        model.addAttribute("jobPath", jobPath(resolved.login(), id));
        model.addAttribute("packagePath", paths.pkg(resolved.login(), job.packageName()));
        model.addAttribute("trashPath", "/owners/" + resolved.login() + "/trash?name=" + encode(job.packageName()));
        model.addAttribute("integrityPath", "/owners/" + resolved.login() + "/integrity?name=" + encode(job.packageName()));
        return htmx != null ? "job :: progress" : "job";
    }

    @PostMapping("/owners/{owner}/jobs/{id}/cancel")
    String cancel(@PathVariable String owner, @PathVariable String id, SignedInUser user) {
        Owner resolved = owners.require(user, owner);
        Job job = job(resolved, id);
        if (!job.actor().equals(user.login())) {
            throw new BadRequestException("Only " + job.actor() + ", who started this job, can cancel it.");
        }
        cleanup.cancel(id);
        return "redirect:" + jobPath(resolved.login(), id);
    }

    @GetMapping("/owners/{owner}/delete-package")
    String deletePackagePage(@PathVariable String owner, @RequestParam String name, SignedInUser user, HttpServletRequest request,
                             Model model) {
        Owner resolved = owners.require(user, owner);
        String packageName = PackageNames.require(name);
        common(model, resolved, packageName, user);
        model.addAttribute("expected", resolved.login() + "/" + packageName);
        model.addAttribute("returnTo", currentUrl(request));
        model.addAttribute("versionCount", cleanup.analysis(user, resolved, packageName).graph().size());
        return "delete-package";
    }

    @PostMapping("/owners/{owner}/delete-package")
    String deletePackage(@PathVariable String owner, @RequestParam String name, @RequestParam(required = false) String confirm,
                         SignedInUser user) {
        Owner resolved = owners.require(user, owner);
        String packageName = PackageNames.require(name);
        if (!user.hasScope(CleanupService.DELETE_SCOPE)) {
            return "redirect:/permissions/delete?return=" + encode("/owners/" + resolved.login() + "/delete-package?name=" + encode(packageName));
        }
        try {
            cleanup.deletePackage(user, resolved, packageName, confirm);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        return "redirect:" + paths.packages(resolved.login()) + "?deleted=" + encode(packageName);
    }

    @GetMapping("/owners/{owner}/trash")
    String trashPage(@PathVariable String owner, @RequestParam(required = false) String name, SignedInUser user,
                     HttpServletRequest request, Model model) {
        Owner resolved = owners.require(user, owner);
        cleanup.offerToken(user);
        model.addAttribute("owner", resolved);
        model.addAttribute("canRestore", user.hasScope(Trash.RESTORE_SCOPE));
        model.addAttribute("returnTo", currentUrl(request));
        if (name != null) {
            String packageName = PackageNames.require(name);
            model.addAttribute("packageName", packageName);
            model.addAttribute("packagePath", paths.pkg(resolved.login(), packageName));
            model.addAttribute("byPackage", java.util.Map.of(packageName, trash.ofPackage(user, resolved, packageName)));
        } else {
            model.addAttribute("packageName", null);
            model.addAttribute("byPackage", trash.ofOwner(user, resolved));
        }
        return "trash";
    }

    @PostMapping("/owners/{owner}/trash/restore")
    String restore(@PathVariable String owner, @RequestParam String name, @RequestParam(required = false) List<Long> versionIds,
                   @RequestParam(required = false) String returnTo, @RequestParam(required = false) String confirm,
                   SignedInUser user) {
        Owner resolved = owners.require(user, owner);
        String packageName = PackageNames.require(name);
        if (!"yes".equals(confirm)) {
            throw new BadRequestException("Tick the confirmation to restore.");
        }
        if (!user.hasScope(Trash.RESTORE_SCOPE)) {
            String back = returnTo != null ? localPath(returnTo) : "/owners/" + resolved.login() + "/trash?name=" + encode(packageName);
            return "redirect:/permissions/restore?return=" + encode(back);
        }
        try {
            String jobId = trash.restore(user, resolved, packageName, versionIds == null ? java.util.Set.of() : new LinkedHashSet<>(versionIds));
            return "redirect:" + jobPath(resolved.login(), jobId);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    @PostMapping("/owners/{owner}/integrity")
    String integrity(@PathVariable String owner, @RequestParam String name, SignedInUser user, HttpServletRequest request,
                     Model model) {
        Owner resolved = owners.require(user, owner);
        String packageName = PackageNames.require(name);
        common(model, resolved, packageName, user);
        model.addAttribute("report", integrity.check(user.login(), user.token(), resolved, packageName));
        model.addAttribute("canRestore", user.hasScope(Trash.RESTORE_SCOPE));
        model.addAttribute("returnTo", "/owners/" + resolved.login() + "/trash?name=" + encode(packageName));
        return "integrity";
    }

    private void common(Model model, Owner owner, String packageName, SignedInUser user) {
        model.addAttribute("owner", owner);
        model.addAttribute("packageName", packageName);
        model.addAttribute("packagePath", paths.pkg(owner.login(), packageName));
        model.addAttribute("packagesPath", paths.packages(owner.login()));
        model.addAttribute("canDelete", user.hasScope(CleanupService.DELETE_SCOPE));
        model.addAttribute("cleanupPath", "/owners/" + owner.login() + "/cleanup?name=" + encode(packageName));
        model.addAttribute("deletePackagePath", "/owners/" + owner.login() + "/delete-package?name=" + encode(packageName));
        model.addAttribute("trashPath", "/owners/" + owner.login() + "/trash?name=" + encode(packageName));
    }

    private PickRow pickRow(PackageAnalysis analysis, VersionNode root) {
        return new PickRow(root, analysis.graph().closure(root).size() - 1,
                paths.version(analysis.containerPackage() != null ? analysis.containerPackage().owner().login() : "",
                        analysis.containerPackage() != null ? analysis.containerPackage().name() : "", root.id()));
    }

    /** A recent job of the package, for the list under the cleanup form. */
    record JobLink(Job job, String path) {
    }

    /** An image in the choosing list: its root and how many versions go with it. */
    record PickRow(VersionNode node, int parts, String versionPath) {
    }

    private Job job(Owner owner, String id) {
        if (!JOB_ID.matcher(id).matches()) {
            throw new NotFoundException("There is no job " + id + ".");
        }
        return cleanup.job(id).filter(job -> job.owner().equalsIgnoreCase(owner.login()))
                .orElseThrow(() -> new NotFoundException("There is no job " + id + " for " + owner.login() + "."));
    }

    private static String jobPath(String owner, String id) {
        return "/owners/" + owner + "/jobs/" + id;
    }



    private static String currentUrl(HttpServletRequest request) {
        String query = request.getQueryString();
        return request.getRequestURI() + (query == null ? "" : "?" + query);
    }

    /** Only paths on this site: an open redirect must not hide behind a return address. */
    static String localPath(String path) {
        if (path == null || !path.startsWith("/") || path.startsWith("//") || path.contains("\\")) {
            return "/";
        }
        return path;
    }

    private static String encode(String value) {
        return UriUtils.encodeQueryParam(value, StandardCharsets.UTF_8);
    }
}
