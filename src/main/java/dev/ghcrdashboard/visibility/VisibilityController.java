package dev.ghcrdashboard.visibility;

import dev.ghcrdashboard.common.PackageNames;
import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.github.Visibility;
import dev.ghcrdashboard.owners.OwnerDirectory;
import dev.ghcrdashboard.security.SignedInUser;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/** Owner-level visibility: drift report, rules, proofs and the entry points to guided changes. */
@Controller
@RequestMapping("/owners/{owner}")
record VisibilityController(OwnerDirectory owners, VisibilityDrift drift, VisibilityProofs proofs,
                            VisibilityChanges changes, VisibilityQueues queues, PackageVisibilitySource source) {

    @GetMapping("/visibility")
    String overview(@PathVariable String owner, SignedInUser user, Model model) {
        model.addAttribute("rule", RuleForm.empty());
        return overviewView(owners.require(user, owner), user, model);
    }

    private String overviewView(Owner resolved, SignedInUser user, Model model) {
        model.addAttribute("owner", resolved);
        // Read before the fresh check replaces it: a scheduled run may have found something since the last visit.
        model.addAttribute("previousRun", drift.latestRun(resolved.login()).orElse(null));
        model.addAttribute("report", drift.check(resolved, user));
        model.addAttribute("rules", drift.rules(resolved.login()));
        model.addAttribute("ruleKinds", RuleKind.values());
        model.addAttribute("openQueues", queues.open(resolved, user));
        return "visibility/owner";
    }

    @GetMapping("/visibility.csv")
    void csv(@PathVariable String owner, SignedInUser user, HttpServletResponse response) throws IOException {
        Owner resolved = owners.require(user, owner);
        var report = drift.check(resolved, user);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"visibility-drift.csv\"");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        DriftCsv.write(report.run().findings(), response.getWriter());
    }

    @PostMapping("/visibility/rules")
    String addRule(@PathVariable String owner, @Valid @ModelAttribute("rule") RuleForm rule, BindingResult errors,
                   SignedInUser user, Model model) {
        Owner resolved = owners.requireAdministered(user, owner, "set visibility rules");
        if (rule.ruleKind().isEmpty()) {
            errors.rejectValue("kind", "unknown", "Choose one of the listed kinds of rule.");
        }
        if (rule.lacksPattern()) {
            errors.rejectValue("pattern", "required", "This rule needs a name pattern, for example tools/* or *-public.");
        }
        if (errors.hasErrors()) {
            return overviewView(resolved, user, model);
        }
        drift.addRule(resolved, rule.ruleKind().orElseThrow(), rule.pattern(), user);
        return "redirect:" + overviewUrl(resolved) + "#rules";
    }

    @PostMapping("/visibility/rules/{id}/delete")
    String deleteRule(@PathVariable String owner, @PathVariable long id, SignedInUser user) {
        Owner resolved = owners.requireAdministered(user, owner, "remove visibility rules");
        if (!drift.deleteRule(resolved, id, user)) {
            throw new ChangeNotFoundException(id);
        }
        return "redirect:" + overviewUrl(resolved) + "#rules";
    }

    /** Re-proves one package; an htmx call gets the refreshed badge, a plain form post goes back to the report. */
    @PostMapping("/visibility/proof")
    String recheck(@PathVariable String owner, @RequestParam String name, SignedInUser user, HtmxRequest htmx, Model model) {
        Owner resolved = owners.require(user, owner);
        String packageName = PackageNames.require(name);
        // Fails (404 page) before anything is proved or stored when this person cannot see the package.
        Visibility reported = source.current(resolved, packageName, user.token()).visibility();
        StoredProof proof;
        try {
            proof = proofs.recheck(resolved.login(), packageName);
        } catch (ProofUnavailableException e) {
            if (!htmx.isHtmxRequest()) {
                throw e;
            }
            // htmx swaps nothing on an error status: answer 200 with the previous proof and say why it is not fresh.
            proof = proofs.latest(resolved.login(), packageName).orElse(null);
            model.addAttribute("proofProblem", "Could not check now: the registry did not answer. Try again in a minute.");
        }
        if (!htmx.isHtmxRequest()) {
            return "redirect:" + overviewUrl(resolved);
        }
        model.addAttribute("status", new VisibilityStatus(resolved.login(), packageName, reported, proof));
        return "visibility/status :: status";
    }

    @PostMapping("/visibility/change")
    String change(@PathVariable String owner, @RequestParam String name, @RequestParam String target, SignedInUser user) {
        Owner resolved = owners.requireAdministered(user, owner, "change visibility");
        String packageName = PackageNames.require(name);
        Visibility to = target(target);
        // Fails (404 page) before anything is recorded when the package does not exist or is not visible to this person.
        source.current(resolved, packageName, user.token());
        var started = changes.start(resolved, packageName, to, user);
        return "redirect:" + overviewUrl(resolved) + "/changes/" + started.change().id();
    }

    @PostMapping("/visibility/queue")
    String queue(@PathVariable String owner, @RequestParam(name = "names", required = false) List<String> names,
                 @RequestParam String target, SignedInUser user) {
        Owner resolved = owners.requireAdministered(user, owner, "change visibility");
        List<String> selected = names == null ? List.of() : names.stream().map(PackageNames::require).toList();
        GuidedQueue queue = queues.create(resolved, selected, target(target), user);
        return "redirect:" + overviewUrl(resolved) + "/queue/" + queue.id();
    }

    static String overviewUrl(Owner owner) {
        return UriComponentsBuilder.fromPath("/owners/{owner}/visibility").buildAndExpand(owner.login()).encode()
                .toUriString();
    }

    private static Visibility target(String target) {
        return switch (target == null ? "" : target) {
            case "public" -> Visibility.PUBLIC;
            case "private" -> Visibility.PRIVATE;
            default -> throw new InvalidVisibilityRequestException("A package can only be made public or private.");
        };
    }
}
