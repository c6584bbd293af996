package dev.ghcrdashboard.policies;

import org.springframework.context.ApplicationEventPublisher;
import dev.ghcrdashboard.cleanup.RulePlans;
import dev.ghcrdashboard.common.NotFoundException;
import dev.ghcrdashboard.github.ContainerPackage;
import dev.ghcrdashboard.github.GitHubClient;
import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.secrets.TokenVault;
import dev.ghcrdashboard.security.SignedInUser;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/** Saving, previewing and switching policies; runs are {@link PolicyRunner}'s. */
@Service
record PolicyService(PolicyStore policies, RulePlans plans, GitHubClient gitHub, TokenVault vault, PoliciesProperties properties,
                     jakarta.validation.Validator validator, PlatformTransactionManager transactionManager, ApplicationEventPublisher events,
                     Clock clock) {

    /** How long saving a policy spends checking its rules against the packages it covers. */
    static final Duration EVERY_TAGGED_CHECK_BUDGET = Duration.ofSeconds(30);

    int defaultThreshold() {
        return properties.shareThreshold();
    }

    RetentionPolicy require(Owner owner, long id) {
        return policies.find(owner.login(), id)
                .orElseThrow(() -> new NotFoundException(owner.login() + " has no retention policy " + id + "."));
    }

    List<RetentionPolicy> ofOwner(Owner owner) {
        return policies.ofOwner(owner.login());
    }

    /**
     * Checks a form completely — fields, rules, a name another policy has, and (planned with the saving admin's token)
     * rules that would remove every tagged image of a covered package — and saves it when nothing is wrong. A new
     * policy starts in dry run; an edit that changes what the policy removes puts an acting policy back in dry run,
     * so act always follows a confirmation of the rules it acts on.
     *
     * @param existing the policy edited, or {@code null} for a new one
     * @return the policy's id, or empty with the problems in {@code errors}
     */
    Optional<Long> save(SignedInUser user, Owner owner, RetentionPolicy existing, PolicyForm form, Errors errors) {
        return check(user, owner, existing, form, errors).map(settings -> write(user, owner, existing, settings));
    }

    /** Everything {@link #save} checks, without saving: the settings, or empty with the problems in {@code errors}. */
    Optional<PolicyForm.Settings> check(SignedInUser user, Owner owner, RetentionPolicy existing, PolicyForm form, Errors errors) {
        Optional<PolicyForm.Settings> checked = form.settings(errors, properties.shareThreshold());
        boolean rulesUsable = plans.check(form.groups(), errors);
        if (checked.isEmpty() || !rulesUsable) {
            return Optional.empty();
        }
        PolicyForm.Settings settings = checked.get();
        Optional<Long> sameName = policies.idByName(owner.login(), settings.name());
        if (sameName.isPresent() && (existing == null || sameName.get() != existing.id())) {
            errors.rejectValue("name", "taken", owner.login() + " already has a policy called " + settings.name() + ".");
            return Optional.empty();
        }
        Optional<String> everyTagged = removesEveryTaggedImage(user, owner, settings);
        if (everyTagged.isPresent()) {
            errors.rejectValue("groups", "everyTagged", "These rules would remove every tagged image of " + everyTagged.get()
                    + ": nothing could be pulled by tag afterwards. Protect some tags (a keep rule, or a pattern that leaves"
                    + " some tags alone).");
            return Optional.empty();
        }
        return checked;
    }

    private long write(SignedInUser user, Owner owner, RetentionPolicy existing, PolicyForm.Settings settings) {
        // An acting policy keeps acting only when nothing it removes changed and the saving admin's token may delete.
        PolicyMode mode = existing == null || changesWhatIsRemoved(existing, settings) || !user.hasScope(PolicyRunner.DELETE_SCOPE)
                ? PolicyMode.DRY_RUN : existing.mode();
        var write = new PolicyStore.Write(owner.login(), settings, mode, user.login(), user.grantedScopes(), vault.seal(user.token()),
                settings.schedule().next(clock.instant()), clock.instant());
        long id;
        if (existing == null) {
            id = policies.insert(write);
        } else {
            policies.update(existing.id(), write);
            id = existing.id();
        }
        events.publishEvent(new PolicyChanged(user.login(), owner.login(), id, settings.name(), PolicyChanged.Change.SAVED, "", clock.instant()));
        return id;
    }

    /** What importing a file would do with one of its policies. */
    record ImportLine(String name, RetentionPolicy existing, List<PolicyYaml.Problem> problems) {

        public boolean creates() {
            return existing == null;
        }
    }

    /**
     * Checks every policy of a YAML file as the form would (a policy of the same name is updated), writing nothing.
     *
     * @return a line per policy, or the file's own problems (then no line)
     */
    ImportCheck checkImport(SignedInUser user, Owner owner, String yaml) {
        PolicyYaml.Read read = PolicyYaml.read(yaml);
        if (!read.problems().isEmpty()) {
            return new ImportCheck(List.of(), read.problems());
        }
        List<ImportLine> lines = new ArrayList<>();
        for (PolicyYaml.Entry entry : read.entries()) {
            RetentionPolicy existing = policies.idByName(owner.login(), entry.form().name()).flatMap(id -> policies.find(owner.login(), id))
                    .orElse(null);
            var errors = new BeanPropertyBindingResult(entry.form(), "form");
            new SpringValidatorAdapter(validator).validate(entry.form(), errors);
            if (!errors.hasErrors()) {
                check(user, owner, existing, entry.form(), errors);
            }
            List<PolicyYaml.Problem> problems = errors.getAllErrors().stream()
                    .map(error -> new PolicyYaml.Problem(error instanceof FieldError field ? entry.lineOf(field.getField()) : entry.line(),
                            entry.form().name() + ": " + error.getDefaultMessage()))
                    .toList();
            lines.add(new ImportLine(entry.form().name(), existing, problems));
        }
        return new ImportCheck(lines, List.of());
    }

    /** A checked file: a line per policy, or the file's own problems. */
    record ImportCheck(List<ImportLine> lines, List<PolicyYaml.Problem> fileProblems) {

        public boolean importable() {
            return fileProblems.isEmpty() && !lines.isEmpty() && lines.stream().allMatch(line -> line.problems().isEmpty());
        }

        public List<PolicyYaml.Problem> problems() {
            List<PolicyYaml.Problem> all = new ArrayList<>(fileProblems);
            lines.forEach(line -> all.addAll(line.problems()));
            all.sort(Comparator.comparingInt(PolicyYaml.Problem::line));
            return all;
        }
    }

    /**
     * Imports a file whose check found nothing wrong: every policy in it is saved, or none (one transaction).
     *
     * @return the check, which says why nothing was saved when something changed since it was shown
     */
    ImportCheck importPolicies(SignedInUser user, Owner owner, String yaml) {
        ImportCheck check = checkImport(user, owner, yaml);
        if (!check.importable()) {
            return check;
        }
        List<PolicyYaml.Entry> entries = PolicyYaml.read(yaml).entries();
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            for (PolicyYaml.Entry entry : entries) {
                RetentionPolicy existing = policies.idByName(owner.login(), entry.form().name())
                        .flatMap(id -> policies.find(owner.login(), id)).orElse(null);
                write(user, owner, existing, entry.form().settings(new BeanPropertyBindingResult(entry.form(), "form"),
                        properties.shareThreshold()).orElseThrow());
            }
        });
        return check;
    }

    private static boolean changesWhatIsRemoved(RetentionPolicy existing, PolicyForm.Settings settings) {
        return !existing.scope().equals(settings.scope()) || !existing.groups().equals(settings.groups())
                || existing.shareThreshold() < settings.shareThreshold();
    }

    /**
     * The first covered package whose tagged images the rules would all remove. Packages are checked for at most
     * {@link #EVERY_TAGGED_CHECK_BUDGET} together, so saving a policy for a large owner does not wait for every
     * package to be read; what is not checked here is held by the share threshold when the policy runs.
     */
    private Optional<String> removesEveryTaggedImage(SignedInUser user, Owner owner, PolicyForm.Settings settings) {
        long deadline = System.nanoTime() + EVERY_TAGGED_CHECK_BUDGET.toNanos();
        for (String packageName : covered(user, owner, settings.scope())) {
            if (System.nanoTime() > deadline) {
                break;
            }
            try {
                if (plans.plan(user, owner, packageName, settings.groups()).removesEveryTaggedImage()) {
                    return Optional.of(packageName);
                }
            } catch (RuntimeException notReadable) {
                // A package that cannot be read now is checked by the share threshold when the policy runs.
            }
        }
        return Optional.empty();
    }

    List<String> covered(SignedInUser user, Owner owner, PolicyScope scope) {
        if (scope.kind() == PolicyScope.Kind.PACKAGE) {
            return List.of(scope.value());
        }
        return gitHub.packages(owner, user.token()).stream().map(ContainerPackage::name).filter(scope::covers).sorted().toList();
    }

    /** A package of the preview: its plan, or why it could not be planned. */
    record PreviewPackage(String packageName, RulePlans.PackagePlan plan, String problem) {
    }

    /** The preview of every covered package, with totals over them. */
    record Preview(List<PreviewPackage> packages) {

        public int versionsDeleted() {
            return planned().mapToInt(RulePlans.PackagePlan::versionsDeleted).sum();
        }

        public int tagsRemoved() {
            return planned().mapToInt(RulePlans.PackagePlan::tagsRemoved).sum();
        }

        public long reclaimedBytes() {
            return planned().mapToLong(RulePlans.PackagePlan::reclaimedBytes).sum();
        }

        public int kept() {
            return planned().mapToInt(RulePlans.PackagePlan::kept).sum();
        }

        private Stream<RulePlans.PackagePlan> planned() {
            return packages.stream().map(PreviewPackage::plan).filter(Objects::nonNull);
        }
    }

    /** Plans the policy now, with the viewer's token, for every package it covers; deletes nothing. */
    Preview preview(SignedInUser user, Owner owner, RetentionPolicy policy) {
        List<PreviewPackage> packages = new ArrayList<>();
        for (String packageName : covered(user, owner, policy.scope())) {
            try {
                packages.add(new PreviewPackage(packageName, plans.plan(user, owner, packageName, policy.groups()), null));
            } catch (RuntimeException failed) {
                packages.add(new PreviewPackage(packageName, null, failed.getMessage()));
            }
        }
        return new Preview(packages);
    }

    void delete(SignedInUser user, Owner owner, RetentionPolicy policy) {
        policies.delete(owner.login(), policy.id());
        events.publishEvent(new PolicyChanged(user.login(), owner.login(), policy.id(), policy.name(), PolicyChanged.Change.DELETED, "",
                clock.instant()));
    }

    /** Switches the policy to act or back to dry run; the switching admin's token is the one it runs with from now on. */
    void switchMode(SignedInUser user, RetentionPolicy policy, PolicyMode mode) {
        policies.switchMode(policy.id(), mode, user.login(), user.grantedScopes(), vault.seal(user.token()), clock.instant());
        events.publishEvent(new PolicyChanged(user.login(), policy.owner(), policy.id(), policy.name(),
                mode == PolicyMode.ACT ? PolicyChanged.Change.SWITCHED_TO_ACT : PolicyChanged.Change.SWITCHED_TO_DRY_RUN, "", clock.instant()));
    }
}
