package dev.ghcrdashboard.policies;

import dev.ghcrdashboard.cleanup.RuleGroupForm;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.springframework.validation.Errors;

/**
 * The policy form as typed (also what a YAML import binds to). Numbers stay text so a bad value comes back unchanged
 * beside its error.
 *
 * @param scope {@code package}, {@code pattern} or {@code owner}
 * @param schedule a preset name, or {@code cron} to use {@code cron}
 * @param shareThreshold percent; empty for the configured default
 */
record PolicyForm(
        @Size(min = 1, max = 100, message = "Give the policy a name of 1 to 100 characters.")
        @Pattern(regexp = "[\\p{L}\\p{N} ._-]*", message = "A name uses letters, digits, spaces, '.', '_' and '-'.") String name,
        String scope,
        String packageName,
        String pattern,
        String schedule,
        String cron,
        @Pattern(regexp = "\\d{0,3}", message = "The share is a whole number of percent, 1 to 100.") String shareThreshold,
        @Valid @Size(max = MAX_GROUPS, message = "At most " + MAX_GROUPS + " rule groups.") List<RuleGroupForm> groups) {

    static final int MAX_GROUPS = 10;

    PolicyForm {
        name = name == null ? "" : name.strip();
        scope = scope == null || scope.isBlank() ? "package" : scope;
        packageName = packageName == null ? "" : packageName.strip();
        pattern = pattern == null ? "" : pattern.strip();
        schedule = schedule == null || schedule.isBlank() ? "daily" : schedule;
        cron = cron == null ? "" : cron.strip();
        shareThreshold = shareThreshold == null ? "" : shareThreshold.strip();
        groups = groups == null || groups.isEmpty() ? List.of(RuleGroupForm.empty())
                : groups.stream().map(group -> Objects.requireNonNullElseGet(group, RuleGroupForm::empty)).toList();
    }

    static PolicyForm empty(String packageName) {
        return new PolicyForm("", "package", packageName, "", "daily", "", "", List.of());
    }

    static PolicyForm of(RetentionPolicy policy) {
        String scope = policy.scope().kind().name().toLowerCase(Locale.ROOT);
        return new PolicyForm(policy.name(), scope,
                policy.scope().kind() == PolicyScope.Kind.PACKAGE ? policy.scope().value() : "",
                policy.scope().kind() == PolicyScope.Kind.PATTERN ? policy.scope().value() : "",
                policy.schedule().preset() ? policy.schedule().text() : "cron",
                policy.schedule().preset() ? "" : policy.schedule().text(),
                String.valueOf(policy.shareThreshold()), policy.groups());
    }

    /** The same form with one more, empty, rule group. */
    PolicyForm withAnotherGroup() {
        if (groups.size() >= MAX_GROUPS) {
            return this;
        }
        List<RuleGroupForm> more = new ArrayList<>(groups);
        more.add(RuleGroupForm.empty());
        return new PolicyForm(name, scope, packageName, pattern, schedule, cron, shareThreshold, more);
    }

    /** What the form describes, once its field checks passed; the rest of its problems go into {@code errors} beside their field. */
    Optional<Settings> settings(Errors errors, int defaultThreshold) {
        PolicyScope policyScope = switch (scope) {
            case "package" -> {
                if (!PolicyScope.validPackageName(packageName)) {
                    errors.rejectValue("packageName", "invalid",
                            "Name one package: lowercase letters, digits, '.', '_', '-', nested with '/'.");
                    yield null;
                }
                yield new PolicyScope(PolicyScope.Kind.PACKAGE, packageName);
            }
            case "pattern" -> {
                if (!PolicyScope.validPattern(pattern)) {
                    errors.rejectValue("pattern", "invalid", "A name pattern uses package-name characters with * (within one"
                            + " level), ** (across levels) and ? (one character), e.g. tools/* or **-preview.");
                    yield null;
                }
                yield new PolicyScope(PolicyScope.Kind.PATTERN, pattern);
            }
            case "owner" -> new PolicyScope(PolicyScope.Kind.OWNER, null);
            default -> {
                errors.rejectValue("scope", "unknown", "Choose one package, a name pattern, or every package.");
                yield null;
            }
        };
        String scheduleText = "cron".equals(schedule) ? cron : schedule;
        Optional<String> scheduleProblem = "cron".equals(schedule) || Schedule.PRESETS.containsKey(schedule)
                ? Schedule.problem(scheduleText) : Optional.of("Choose daily, weekly, monthly or a cron expression.");
        scheduleProblem.ifPresent(problem -> errors.rejectValue("cron".equals(schedule) ? "cron" : "schedule", "invalid", problem));
        int threshold = defaultThreshold;
        if (!shareThreshold.isEmpty() && !errors.hasFieldErrors("shareThreshold")) {
            threshold = Integer.parseInt(shareThreshold);
            if (threshold < 1 || threshold > 100) {
                errors.rejectValue("shareThreshold", "range", "The share is a whole number of percent, 1 to 100.");
            }
        }
        if (errors.hasErrors() || policyScope == null) {
            return Optional.empty();
        }
        return Optional.of(new Settings(name, policyScope, new Schedule(scheduleText), threshold, groups));
    }

    /** A checked form. */
    record Settings(String name, PolicyScope scope, Schedule schedule, int shareThreshold, List<RuleGroupForm> groups) {
    }
}
