package dev.ghcrdashboard.visibility;

import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.github.Visibility;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/** Owner-level visibility: drift report, rules, proofs and the entry points to guided changes. */
@Controller
@RequestMapping("/owners/{owner}")
class VisibilityController {

    private final VisibilityWeb web;
    private final VisibilityDrift drift;
    private final VisibilityProofs proofs;
    private final VisibilityChanges changes;
    private final VisibilityQueues queues;
    private final PackageVisibilitySource source;

    VisibilityController(VisibilityWeb web, VisibilityDrift drift, VisibilityProofs proofs, VisibilityChanges changes,
                         VisibilityQueues queues, PackageVisibilitySource source) {
        this.web = web;
        this.drift = drift;
        this.proofs = proofs;
        this.changes = changes;
        this.queues = queues;
        this.source = source;
    }

    @GetMapping("/visibility")
    String overview(@PathVariable String owner, HttpServletRequest request, Model model) {
        Actor actor = web.actor(request);
        Owner resolved = web.owner(actor, owner);
        model.addAttribute("owner", resolved);
        // Read before the fresh check replaces it: a scheduled run may have found something since the last visit.
        model.addAttribute("previousRun", drift.latestRun(resolved.login()).orElse(null));
        model.addAttribute("report", drift.check(resolved, actor));
        model.addAttribute("rules", drift.rules(resolved.login()));
        model.addAttribute("ruleKinds", RuleKind.values());
        model.addAttribute("openQueues", queues.open(resolved, actor));
        return "visibility/owner";
    }

    @GetMapping("/visibility.csv")
    void csv(@PathVariable String owner, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Actor actor = web.actor(request);
        Owner resolved = web.owner(actor, owner);
        var report = drift.check(resolved, actor);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"visibility-drift.csv\"");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        DriftCsv.write(report.run().findings(), response.getWriter());
    }

    @PostMapping("/visibility/rules")
    String addRule(@PathVariable String owner, @RequestParam String kind,
                   @RequestParam(required = false) String pattern, HttpServletRequest request) {
        Actor actor = web.actor(request);
        Owner resolved = web.owner(actor, owner);
        RuleKind ruleKind = Arrays.stream(RuleKind.values()).filter(k -> k.name().equals(kind)).findFirst()
                .orElseThrow(() -> new InvalidVisibilityRequestException("Unknown kind of rule."));
        drift.addRule(resolved, ruleKind, pattern, actor);
        return "redirect:" + overviewUrl(resolved) + "#rules";
    }

    @PostMapping("/visibility/rules/{id}/delete")
    String deleteRule(@PathVariable String owner, @PathVariable long id, HttpServletRequest request) {
        Actor actor = web.actor(request);
        Owner resolved = web.owner(actor, owner);
        if (!drift.deleteRule(resolved, id)) {
            throw new ChangeNotFoundException(id);
        }
        return "redirect:" + overviewUrl(resolved) + "#rules";
    }

    /** Re-proves one package; an htmx call gets the refreshed badge, a plain form post goes back to the report. */
    @PostMapping("/visibility/proof")
    String recheck(@PathVariable String owner, @RequestParam String name, HttpServletRequest request, Model model) {
        Actor actor = web.actor(request);
        Owner resolved = web.owner(actor, owner);
        String packageName = VisibilityWeb.packageName(name);
        // Fails (404 page) before anything is proved or stored when this person cannot see the package.
        Visibility reported = source.current(resolved, packageName, actor.token()).visibility();
        boolean htmx = request.getHeader("HX-Request") != null;
        StoredProof proof;
        try {
            proof = proofs.recheck(resolved.login(), packageName);
        } catch (ProofUnavailableException e) {
            if (!htmx) {
                throw e;
            }
            // htmx swaps nothing on an error status: answer 200 with the previous proof and say why it is not fresh.
            proof = proofs.latest(resolved.login(), packageName).orElse(null);
            model.addAttribute("proofProblem", "Could not check now: the registry did not answer. Try again in a minute.");
        }
        if (!htmx) {
            return "redirect:" + overviewUrl(resolved);
        }
        model.addAttribute("status", new VisibilityStatus(resolved.login(), packageName, reported, proof));
        return "visibility :: status";
    }

    @PostMapping("/visibility/change")
    String change(@PathVariable String owner, @RequestParam String name, @RequestParam String target,
                  HttpServletRequest request) {
        Actor actor = web.actor(request);
        Owner resolved = web.owner(actor, owner);
        String packageName = VisibilityWeb.packageName(name);
        Visibility to = VisibilityWeb.target(target);
        // Fails (404 page) before anything is recorded when the package does not exist or is not visible to this person.
        source.current(resolved, packageName, actor.token());
        var started = changes.start(resolved, packageName, to, actor);
        return "redirect:" + overviewUrl(resolved) + "/changes/" + started.change().id();
    }

    @PostMapping("/visibility/queue")
    String queue(@PathVariable String owner, @RequestParam(name = "names", required = false) List<String> names,
                 @RequestParam String target, HttpServletRequest request) {
        Actor actor = web.actor(request);
        Owner resolved = web.owner(actor, owner);
        List<String> selected = names == null ? List.of() : names.stream().map(VisibilityWeb::packageName).toList();
        GuidedQueue queue = queues.create(resolved, selected, VisibilityWeb.target(target), actor);
        return "redirect:" + overviewUrl(resolved) + "/queue/" + queue.id();
    }

    static String overviewUrl(Owner owner) {
        return UriComponentsBuilder.fromPath("/owners/{owner}/visibility").buildAndExpand(owner.login()).encode()
                .toUriString();
    }
}
