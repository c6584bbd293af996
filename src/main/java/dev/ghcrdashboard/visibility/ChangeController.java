package dev.ghcrdashboard.visibility;

import dev.ghcrdashboard.github.ContainerPackage;
import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.github.Visibility;
import dev.ghcrdashboard.owners.OwnerDirectory;
import dev.ghcrdashboard.security.SignedInUser;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The hand-off page of one guided change and the guided queue pages; both poll a status fragment with htmx. */
@Controller
@RequestMapping("/owners/{owner}/visibility")
record ChangeController(OwnerDirectory owners, VisibilityChanges changes, VisibilityQueues queues,
                        SettingsPages settingsPages, PackageVisibilitySource source) {

    @GetMapping("/changes/{id}")
    String change(@PathVariable String owner, @PathVariable long id, SignedInUser user, Model model) {
        Owner resolved = owners.require(user, owner);
        VisibilityChange change = changeModel(resolved, id, user, model);
        model.addAttribute("owner", resolved);
        if (change.target() == Visibility.PUBLIC && !change.state().isFinal()) {
            // Warned before the hand-off to GitHub: the drift report would flag exactly this as dangerous afterwards.
            ContainerPackage current = source.current(resolved, change.packageName(), user.token());
            if (Boolean.TRUE.equals(current.repositoryPrivate())) {
                model.addAttribute("privateRepository", current.repository());
            }
        }
        return "visibility/change";
    }

    /**
     * Polled by the page every few seconds; also hands the viewer's token to the background watcher.
     * Answers 204 (htmx then swaps nothing) while nothing visible changed, so screen readers are not
     * told the same sentence every few seconds.
     */
    @GetMapping("/changes/{id}/status")
    Object changeStatus(@PathVariable String owner, @PathVariable long id,
                        @RequestParam(required = false) String seen, SignedInUser user, Model model) {
        VisibilityChange change = changeModel(owners.require(user, owner), id, user, model);
        return fragmentIfChanged(seen, seen(change), "visibility/change :: status");
    }

    @PostMapping("/changes/{id}/check")
    String checkNow(@PathVariable String owner, @PathVariable long id, SignedInUser user) {
        Owner resolved = owners.require(user, owner);
        VisibilityChange change = changeOf(resolved, id);
        changes.checkNow(change.id(), user.token());
        return redirectTo(resolved, "changes", id);
    }

    @PostMapping("/changes/{id}/cancel")
    String cancel(@PathVariable String owner, @PathVariable long id, SignedInUser user) {
        Owner resolved = owners.require(user, owner);
        VisibilityChange change = changeOf(resolved, id);
        if (!change.requestedBy().equals(user.login())) {
            owners.requireAdmin(user, resolved, "cancel another person's visibility change");
        }
        changes.cancel(change.id(), user);
        return redirectTo(resolved, "changes", id);
    }

    @GetMapping("/queue/{id}")
    String queue(@PathVariable String owner, @PathVariable long id, SignedInUser user, Model model) {
        queueModel(owners.require(user, owner), id, user, model);
        return "visibility/queue";
    }

    @GetMapping("/queue/{id}/status")
    Object queueStatus(@PathVariable String owner, @PathVariable long id,
                       @RequestParam(required = false) String seen, SignedInUser user, Model model) {
        GuidedQueue queue = queueModel(owners.require(user, owner), id, user, model);
        return fragmentIfChanged(seen, seen(queue), "visibility/queue :: progress");
    }

    /** 204 while the poller already shows what the page would render now ({@code current}); the fragment otherwise. */
    private static Object fragmentIfChanged(String seen, String current, String fragment) {
        return current.equals(seen) ? ResponseEntity.noContent().build() : fragment;
    }

    @PostMapping("/queue/{id}/start")
    String startNext(@PathVariable String owner, @PathVariable long id, SignedInUser user) {
        Owner resolved = owners.requireAdministered(user, owner, "change visibility");
        GuidedQueue queue = queueOf(resolved, id, user);
        queues.startCurrent(queue, resolved, user);
        return redirectTo(resolved, "queue", id);
    }

    @PostMapping("/queue/{id}/skip")
    String skip(@PathVariable String owner, @PathVariable long id, SignedInUser user) {
        Owner resolved = owners.requireAdministered(user, owner, "change visibility");
        GuidedQueue queue = queueOf(resolved, id, user);
        queues.skipCurrent(queue, user);
        return redirectTo(resolved, "queue", id);
    }

    private VisibilityChange changeModel(Owner resolved, long id, SignedInUser user, Model model) {
        VisibilityChange change = changeOf(resolved, id);
        changes.keepWatching(change.id(), user.token());
        model.addAttribute("ownerLogin", resolved.login());
        model.addAttribute("change", change);
        model.addAttribute("seen", seen(change));
        model.addAttribute("settingsPage",
                settingsPages.settingsPage(change.ownerType(), change.ownerLogin(), change.packageName()));
        model.addAttribute("mayStop", change.requestedBy().equals(user.login()) || owners.access(user, resolved).admin());
        return change;
    }

    private GuidedQueue queueModel(Owner resolved, long id, SignedInUser user, Model model) {
        GuidedQueue queue = queueOf(resolved, id, user);
        queue.current().filter(GuidedQueue.Item::waiting)
                .ifPresent(item -> changes.keepWatching(item.change().id(), user.token()));
        model.addAttribute("owner", resolved);
        model.addAttribute("queue", queue);
        model.addAttribute("seen", seen(queue));
        model.addAttribute("settingsPage", queue.current()
                .map(item -> settingsPages.settingsPage(queue.ownerType(), queue.ownerLogin(), item.packageName()))
                .orElse(null));
        return queue;
    }

    /** What the status fragment shows of a change, in a few characters: equal means the page is up to date. */
    private static String seen(VisibilityChange change) {
        return change.id() + "." + change.state() + "." + change.lastReported() + "." + (change.reportedAt() != null);
    }

    /** The same for a queue: its counts and where it stands. */
    private static String seen(GuidedQueue queue) {
        return queue.verifiedCount() + "-" + queue.skippedCount() + "-"
                + queue.current().map(item -> item.seq() + (item.change() == null ? "" : seen(item.change()))).orElse("done");
    }

    /** Back to a change ({@code kind} "changes") or a queue ("queue") of the owner's visibility pages. */
    private static String redirectTo(Owner owner, String kind, long id) {
        return "redirect:" + VisibilityController.overviewUrl(owner) + "/" + kind + "/" + id;
    }

    /** A change of another owner is "not found" here, whatever its id. */
    private GuidedQueue queueOf(Owner owner, long id, SignedInUser user) {
        return queues.find(id, owner, user).orElseThrow(() -> new ChangeNotFoundException(id));
    }

    private VisibilityChange changeOf(Owner owner, long id) {
        return changes.find(id).filter(change -> change.ownerLogin().equals(owner.login()))
                .orElseThrow(() -> new ChangeNotFoundException(id));
    }
}
