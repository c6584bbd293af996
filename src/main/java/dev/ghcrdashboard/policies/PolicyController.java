package dev.ghcrdashboard.policies;

import java.util.function.BiFunction;
import dev.ghcrdashboard.cleanup.RuleGroupForm;
import dev.ghcrdashboard.common.BadRequestException;
import dev.ghcrdashboard.common.NotFoundException;
import dev.ghcrdashboard.common.Paths;
import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.owners.OwnerDirectory;
import dev.ghcrdashboard.security.SignedInUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An owner's retention policies: the list, the form (new and edit), the preview, switching to act after a
 * confirmation, running now, and each run's page with approving or skipping a held package. Viewers see everything;
 * only admins change anything or start a run.
 */
@Controller
@RequestMapping("/owners/{owner}/policies")
record PolicyController(OwnerDirectory owners, PolicyService policies, PolicyRunner runner, PolicyRuns runs, Paths paths) {

    private static final int RUNS_SHOWN = 20;

    /** The form is a record of records, built through its constructor only (as the cleanup form). */
    @InitBinder("form")
    void constructorBindingOnly(WebDataBinder binder) {
        binder.setDeclarativeBinding(true);
    }

    /** A request naming {@code groups[100000]} is refused before binding, which would fail on it instead. */
    @ModelAttribute
    void refuseGroupIndexesBeyondTheLimit(HttpServletRequest request) {
        RuleGroupForm.refuseGroupIndexesFrom(request.getParameterMap().keySet(), PolicyForm.MAX_GROUPS);
    }

    @GetMapping
    String list(@PathVariable String owner, SignedInUser user, Model model) {
        Owner resolved = owners.require(user, owner);
        model.addAttribute("owner", resolved);
        model.addAttribute("policies", policies.ofOwner(resolved).stream()
                .map(policy -> new PolicyRow(policy, runs.recent(policy.id(), 1).stream().findFirst().orElse(null))).toList());
        return "policies/policies";
    }

    /** A policy in the list with its latest run, if any. */
    record PolicyRow(RetentionPolicy policy, PolicyRun lastRun) {
    }

    /** Every policy of the owner as YAML, to keep in a repository (members may read it, as they may read the pages). */
    @GetMapping("/export")
    ResponseEntity<String> export(@PathVariable String owner, SignedInUser user) {
        Owner resolved = owners.require(user, owner);
        return ResponseEntity.ok()
                .contentType(new MediaType("application", "yaml", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(resolved.login() + "-retention-policies.yaml").build().toString())
                .body(PolicyYaml.write(policies.ofOwner(resolved)));
    }

    @GetMapping("/import")
    String importPage(@PathVariable String owner, SignedInUser user, Model model) {
        Owner resolved = owners.requireAdministered(user, owner, "import retention policies");
        model.addAttribute("owner", resolved);
        model.addAttribute("yaml", "");
        return "policies/import";
    }

    /** First the check of every policy in the file (with line numbers); saving needs a second, confirmed, post. */
    @PostMapping("/import")
    String importPolicies(@PathVariable String owner, @RequestParam(defaultValue = "") String yaml,
                          @RequestParam(required = false) boolean confirmed, SignedInUser user, Model model, RedirectAttributes redirect) {
        Owner resolved = owners.requireAdministered(user, owner, "import retention policies");
        PolicyService.ImportCheck check = confirmed ? policies.importPolicies(user, resolved, yaml) : policies.checkImport(user, resolved, yaml);
        if (confirmed && check.importable()) {
            redirect.addFlashAttribute("notice", "Imported " + check.lines().size() + (check.lines().size() == 1 ? " policy." : " policies.")
                    + " New ones start in dry run.");
            return "redirect:" + PolicyPaths.list(resolved.login());
        }
        model.addAttribute("owner", resolved);
        model.addAttribute("yaml", yaml);
        model.addAttribute("check", check);
        return "policies/import";
    }

    @GetMapping("/new")
    String newPolicy(@PathVariable String owner, @RequestParam(name = "package", required = false) String packageName,
                     SignedInUser user, Model model) {
        Owner resolved = owners.requireAdministered(user, owner, "write retention policies");
        model.addAttribute("form", PolicyForm.empty(packageName));
        return formView(resolved, null, model);
    }

    @PostMapping
    String create(@PathVariable String owner, @Valid @ModelAttribute("form") PolicyForm form, BindingResult errors,
                  @RequestParam(required = false) boolean addGroup, SignedInUser user, Model model) {
        Owner resolved = owners.requireAdministered(user, owner, "write retention policies");
        return save(resolved, null, form, errors, addGroup, user, model);
    }

    @GetMapping("/{id}/edit")
    String edit(@PathVariable String owner, @PathVariable long id, SignedInUser user, Model model) {
        Owner resolved = owners.requireAdministered(user, owner, "edit retention policies");
        RetentionPolicy policy = policies.require(resolved, id);
        model.addAttribute("form", PolicyForm.of(policy));
        return formView(resolved, policy, model);
    }

    @PostMapping("/{id}")
    String update(@PathVariable String owner, @PathVariable long id, @Valid @ModelAttribute("form") PolicyForm form, BindingResult errors,
                  @RequestParam(required = false) boolean addGroup, SignedInUser user, Model model) {
        Owner resolved = owners.requireAdministered(user, owner, "edit retention policies");
        return save(resolved, policies.require(resolved, id), form, errors, addGroup, user, model);
    }

    private String save(Owner owner, RetentionPolicy existing, PolicyForm form, BindingResult errors, boolean addGroup, SignedInUser user,
                        Model model) {
        if (addGroup) {
            PolicyForm more = form.withAnotherGroup();
            model.addAttribute("form", more);
            model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "form", new BeanPropertyBindingResult(more, "form"));
            return formView(owner, existing, model);
        }
        if (errors.hasErrors()) {
            // Field checks failed: the rest is checked once they pass, so each error is one to fix now.
            return formView(owner, existing, model);
        }
        return policies.save(user, owner, existing, form, errors)
                .map(id -> "redirect:" + PolicyPaths.policy(owner.login(), id))
                .orElseGet(() -> formView(owner, existing, model));
    }

    /** The policy a page is about, with its owner, on the model. */
    private RetentionPolicy shown(Owner owner, long id, Model model) {
        RetentionPolicy policy = policies.require(owner, id);
        model.addAttribute("owner", owner);
        model.addAttribute("policy", policy);
        return policy;
    }

    private String formView(Owner owner, RetentionPolicy existing, Model model) {
        model.addAttribute("owner", owner);
        model.addAttribute("policy", existing);
        model.addAttribute("defaultThreshold", policies.defaultThreshold());
        return "policies/form";
    }

    @GetMapping("/{id}")
    String show(@PathVariable String owner, @PathVariable long id, SignedInUser user, Model model) {
        Owner resolved = owners.require(user, owner);
        RetentionPolicy policy = shown(resolved, id, model);
        model.addAttribute("runs", runs.recent(policy.id(), RUNS_SHOWN));
        model.addAttribute("charts", PackageChart.of(runs.history(policy.id(), RUNS_SHOWN)));
        return "policies/policy";
    }

    @GetMapping("/{id}/preview")
    String preview(@PathVariable String owner, @PathVariable long id, SignedInUser user, Model model) {
        Owner resolved = owners.require(user, owner);
        RetentionPolicy policy = shown(resolved, id, model);
        model.addAttribute("preview", policies.preview(user, resolved, policy));
        return "policies/preview";
    }

    @GetMapping("/{id}/act")
    String confirmAct(@PathVariable String owner, @PathVariable long id, SignedInUser user, Model model) {
        Owner resolved = owners.requireAdministered(user, owner, "switch retention policies to act");
        RetentionPolicy policy = shown(resolved, id, model);
        model.addAttribute("preview", policies.preview(user, resolved, policy));
        model.addAttribute("canDelete", user.hasScope(PolicyRunner.DELETE_SCOPE));
        return "policies/act";
    }

    @PostMapping("/{id}/act")
    String act(@PathVariable String owner, @PathVariable long id, @RequestParam(required = false) boolean confirmed, SignedInUser user,
               RedirectAttributes redirect) {
        Owner resolved = owners.requireAdministered(user, owner, "switch retention policies to act");
        RetentionPolicy policy = policies.require(resolved, id);
        String confirmPage = PolicyPaths.policy(resolved.login(), id) + "/act";
        if (!user.hasScope(PolicyRunner.DELETE_SCOPE)) {
            return "redirect:" + paths.permission("delete", confirmPage);
        }
        if (!confirmed) {
            throw new BadRequestException("Tick the confirmation to switch the policy to act.");
        }
        policies.switchMode(user, policy, PolicyMode.ACT);
        redirect.addFlashAttribute("notice", "The policy now acts: its next run deletes what its plan removes, with "
                + user.login() + "'s permission.");
        return "redirect:" + PolicyPaths.policy(resolved.login(), id);
    }

    @PostMapping("/{id}/dry-run")
    String dryRun(@PathVariable String owner, @PathVariable long id, SignedInUser user, RedirectAttributes redirect) {
        Owner resolved = owners.requireAdministered(user, owner, "switch retention policies to dry run");
        policies.switchMode(user, policies.require(resolved, id), PolicyMode.DRY_RUN);
        redirect.addFlashAttribute("notice", "The policy is back in dry run: its runs only report.");
        return "redirect:" + PolicyPaths.policy(resolved.login(), id);
    }

    /** Removes a policy and its run history; cleanup jobs it started go on (they are ordinary jobs, audited). */
    @PostMapping("/{id}/delete")
    String delete(@PathVariable String owner, @PathVariable long id, @RequestParam(required = false) boolean confirmed, SignedInUser user,
                  RedirectAttributes redirect) {
        Owner resolved = owners.requireAdministered(user, owner, "delete retention policies");
        RetentionPolicy policy = policies.require(resolved, id);
        if (!confirmed) {
            throw new BadRequestException("Tick the confirmation to delete the policy " + policy.name() + ".");
        }
        policies.delete(user, resolved, policy);
        redirect.addFlashAttribute("notice", "Deleted the policy " + policy.name() + " and its run history.");
        return "redirect:" + PolicyPaths.list(resolved.login());
    }

    @PostMapping("/{id}/run")
    String runNow(@PathVariable String owner, @PathVariable long id, SignedInUser user) {
        Owner resolved = owners.requireAdministered(user, owner, "run retention policies");
        RetentionPolicy policy = policies.require(resolved, id);
        long runId = runner.start(policy, "manual", user.login());
        return "redirect:" + PolicyPaths.run(resolved.login(), id, runId);
    }

    @GetMapping("/{id}/runs/{runId}")
    String run(@PathVariable String owner, @PathVariable long id, @PathVariable long runId, SignedInUser user, Model model) {
        Owner resolved = owners.require(user, owner);
        RetentionPolicy policy = policies.require(resolved, id);
        PolicyRun run = requireRun(policy, runId);
        model.addAttribute("owner", resolved);
        model.addAttribute("policy", policy);
        model.addAttribute("run", run);
        model.addAttribute("packages", runs.packages(runId));
        model.addAttribute("items", runs.items(runId));
        model.addAttribute("jobPaths", new JobPaths(paths, resolved.login()));
        return "policies/run";
    }

    @PostMapping("/{id}/runs/{runId}/approve")
    String approve(@PathVariable String owner, @PathVariable long id, @PathVariable long runId, @RequestParam("package") String packageName,
                   SignedInUser user, RedirectAttributes redirect) {
        return decide(owner, id, runId, user, redirect, "approve policy runs",
                (policy, run) -> runner.approve(policy, run, packageName, user.login()));
    }

    @PostMapping("/{id}/runs/{runId}/skip")
    String skip(@PathVariable String owner, @PathVariable long id, @PathVariable long runId, @RequestParam("package") String packageName,
                SignedInUser user, RedirectAttributes redirect) {
        return decide(owner, id, runId, user, redirect, "skip packages of policy runs",
                (policy, run) -> runner.skip(policy, run, packageName, user.login()));
    }

    /** An admin's decision on a package a run holds: checked, carried out, its outcome shown on the run page. */
    private String decide(String owner, long id, long runId, SignedInUser user, RedirectAttributes redirect, String action,
                          BiFunction<RetentionPolicy, PolicyRun, String> decision) {
        Owner resolved = owners.requireAdministered(user, owner, action);
        RetentionPolicy policy = policies.require(resolved, id);
        redirect.addFlashAttribute("notice", decision.apply(policy, requireRun(policy, runId)));
        return "redirect:" + PolicyPaths.run(resolved.login(), id, runId);
    }

    private PolicyRun requireRun(RetentionPolicy policy, long runId) {
        return runs.find(policy.id(), runId).orElseThrow(() -> new NotFoundException("Policy " + policy.name() + " has no run " + runId + "."));
    }

    /** Links to cleanup jobs, for the run page's template. */
    record JobPaths(Paths paths, String owner) {

        public String job(String jobId) {
            return paths.job(owner, jobId);
        }
    }
}
