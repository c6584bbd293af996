package dev.ghcrdashboard.cleanup;

import dev.ghcrdashboard.common.ForbiddenException;
import dev.ghcrdashboard.common.NotFoundException;
import dev.ghcrdashboard.common.Paths;
import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.owners.OwnerDirectory;
import dev.ghcrdashboard.security.SignedInUser;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** A delete or restore job: its progress page (polled with htmx while it runs) and cancelling it. */
@Controller
record JobController(OwnerDirectory owners, CleanupService cleanup, Paths paths) {

    private static final Pattern JOB_ID = Pattern.compile("[0-9a-f-]{36}");

    @GetMapping("/owners/{owner}/jobs/{id}")
    String job(@PathVariable String owner, @PathVariable String id, SignedInUser user, HtmxRequest htmx, Model model) {
        Owner resolved = owners.require(user, owner);
        cleanup.offerToken(user);
        Job job = job(resolved, id);
        Map<ItemState, Integer> counts = cleanup.counts(id);
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        int done = counts.entrySet().stream().filter(e -> e.getKey().finished()).mapToInt(Map.Entry::getValue).sum();
        model.addAttribute("owner", resolved);
        model.addAttribute("job", job);
        List<JobItem> items = cleanup.items(id);
        model.addAttribute("items", items);
        model.addAttribute("signInScopes", signInScopes(items));
        model.addAttribute("counts", counts);
        model.addAttribute("total", total);
        model.addAttribute("done", done);
        model.addAttribute("jobPath", paths.job(resolved.login(), id));
        model.addAttribute("packagePath", paths.pkg(resolved.login(), job.packageName()));
        model.addAttribute("trashPath", paths.trash(resolved.login(), job.packageName()));
        model.addAttribute("integrityPath", paths.integrity(resolved.login(), job.packageName()));
        model.addAttribute("mayCancel", mayCancel(user, resolved, job));
        return htmx.isHtmxRequest() ? "cleanup/job :: progress" : "cleanup/job";
    }

    @PostMapping("/owners/{owner}/jobs/{id}/cancel")
    String cancel(@PathVariable String owner, @PathVariable String id, SignedInUser user) {
        Owner resolved = owners.require(user, owner);
        Job job = job(resolved, id);
        if (!mayCancel(user, resolved, job)) {
            throw new ForbiddenException("Only " + job.actor() + ", who started this job, or " + resolved.login()
                    + "'s admins can cancel it.");
        }
        cleanup.cancel(id);
        return "redirect:" + paths.job(resolved.login(), id);
    }

    /** Its starter, or one of the owner's admins. */
    private boolean mayCancel(SignedInUser user, Owner owner, Job job) {
        return job.actor().equals(user.login()) || owners.access(user, owner).admin();
    }

    /** The extra permissions the job's items need, for signing in again (see ScopeUpgrade): no more than that. */
    private static String signInScopes(List<JobItem> items) {
        Set<String> extras = new TreeSet<>();
        for (JobItem item : items) {
            switch (item.action()) {
                case DELETE -> extras.add("delete");
                case RESTORE -> extras.add("restore");
                case ADD_TAG, MOVE_TAG -> extras.add("tag");
                case REMOVE_TAG -> {
                    extras.add("tag");
                    extras.add("delete");
                }
            }
        }
        return String.join(",", extras);
    }

    private Job job(Owner owner, String id) {
        if (!JOB_ID.matcher(id).matches()) {
            throw new NotFoundException("There is no job " + id + ".");
        }
        return cleanup.job(id).filter(job -> job.owner().equalsIgnoreCase(owner.login()))
                .orElseThrow(() -> new NotFoundException("There is no job " + id + " for " + owner.login() + "."));
    }
}
