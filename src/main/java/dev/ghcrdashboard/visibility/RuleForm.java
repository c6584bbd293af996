package dev.ghcrdashboard.visibility;

import jakarta.validation.constraints.Size;
import java.util.Arrays;
import java.util.Optional;

/**
 * A new visibility rule as typed: its kind and, for name rules, a glob. The kind stays text so that a
 * value from a tampered form comes back as an error beside the field, not as a failed binding.
 */
record RuleForm(String kind, @Size(max = 255, message = "The pattern is too long (at most 255 characters).") String pattern) {

    static RuleForm empty() {
        return new RuleForm(RuleKind.LINKED_PRIVATE_REPOSITORY_MUST_BE_PRIVATE.name(), "");
    }

    Optional<RuleKind> ruleKind() {
        return Arrays.stream(RuleKind.values()).filter(k -> k.name().equals(kind)).findFirst();
    }

    boolean lacksPattern() {
        return ruleKind().map(RuleKind::needsPattern).orElse(false) && (pattern == null || pattern.isBlank());
    }
}
