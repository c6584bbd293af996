package dev.ghcrdashboard.policies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.cleanup.RuleGroupForm;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Policies as YAML: what is exported reads back as the same policies; a file with mistakes is refused with their lines. */
class PolicyYamlTest {

    private static final Instant NOW = Instant.parse("2026-11-29T07:00:00Z");

    @Test
    void exportedPoliciesReadBackAsTheSameForms() {
        List<RetentionPolicy> policies = List.of(
                policy(1, "old releases", new PolicyScope(PolicyScope.Kind.PACKAGE, "api"), "daily", 50,
                        new RuleGroupForm(false, null, "v0.*", "glob", "matching", null, null, true)),
                policy(2, "tools: keep 3 \"newest\"", new PolicyScope(PolicyScope.Kind.PATTERN, "tools/**"), "30 2 * * 1-5", 20,
                        new RuleGroupForm(true, "30", "", "glob", "matching", null, null, false),
                        new RuleGroupForm(false, null, "^(main|release-.*)$", "regex", "not-matching", "3", null, false)),
                policy(3, "everything", new PolicyScope(PolicyScope.Kind.OWNER, null), "monthly", 100,
                        new RuleGroupForm(false, null, "", "glob", "matching", null, "5", false)));

        String yaml = PolicyYaml.write(policies);
        PolicyYaml.Read read = PolicyYaml.read(yaml);

        assertThat(read.problems()).isEmpty();
        assertThat(read.entries()).extracting(PolicyYaml.Entry::form)
                .containsExactlyElementsOf(policies.stream().map(PolicyForm::of).toList());
        assertThat(yaml).doesNotContain("    mode:").contains("every-package: true").contains("schedule: 30 2 * * 1-5");
    }

    @Test
    void aFieldReadFromTheFileKnowsItsLine() {
        PolicyYaml.Read read = PolicyYaml.read("""
                policies:
                  - name: nightly
                    package: web
                    schedule: "61 * * * *"
                    rules:
                      - orphans: true
                      - tag-pattern: "pr-*"
                        keep-newest: 2
                """);

        PolicyYaml.Entry entry = read.entries().get(0);
        assertThat(entry.line()).isEqualTo(2);
        assertThat(entry.lineOf("cron")).isEqualTo(4);
        assertThat(entry.lineOf("groups[1].keepNewest")).isEqualTo(8);
        assertThat(entry.lineOf("groups[1].olderThan")).as("a field the group does not set: the group's line").isEqualTo(7);
        assertThat(entry.form().groups()).hasSize(2);
    }

    @Test
    void unknownKeysAreRefusedWithTheirLine() {
        List<PolicyYaml.Problem> problems = refused("""
                policies:
                  - name: nightly
                    package: web
                    schedul: daily
                    rules:
                      - orphans: true
                        keep-oldest: 3
                """);

        assertThat(problems).extracting(PolicyYaml.Problem::line).containsExactly(4, 7);
        assertThat(problems.get(0).message()).contains("Unknown key schedul");
        assertThat(problems.get(1).message()).contains("Unknown key keep-oldest");
    }

    @Test
    void malformedYamlIsRefusedWithTheLineWhereItBreaks() {
        List<PolicyYaml.Problem> problems = refused("""
                policies:
                  - name: nightly
                    package: web
                   rules: [
                """);

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).line()).isBetween(4, 5);
        assertThat(problems.get(0).message()).startsWith("This is not valid YAML");
    }

    @Test
    void wrongShapesTwoScopesAndRepeatedNamesAreEachReported() {
        List<PolicyYaml.Problem> problems = refused("""
                policies:
                  - name: a
                    package: web
                    pattern: "web*"
                    rules: [{orphans: true}]
                  - name: b
                    package: [web, api]
                    rules: {orphans: true}
                  - name: c
                    package: web
                    rules: [{orphans: maybe}]
                  - name: c
                    package: api
                    rules: [{orphans: true}]
                """);

        assertThat(problems).extracting(PolicyYaml.Problem::toString).containsExactly(
                "line 2: A policy names exactly one of package:, pattern: or every-package: true.",
                "line 7: package: takes a single value, not a list or mapping.",
                "line 8: rules: is a list of rule groups, each starting with -",
                "line 11: orphans: is true or false.",
                "line 12: A second policy called c (the first is at line 9).");
    }

    @Test
    void aFileThatIsNotAListOfPoliciesSaysWhatItShouldBe() {
        assertThat(PolicyYaml.read("").problems()).extracting(PolicyYaml.Problem::message).containsExactly("The file is empty; it starts with policies:");
        assertThat(PolicyYaml.read("- name: x\n").problems().get(0).message()).contains("one key, policies:");
        assertThat(PolicyYaml.read("policies: nightly\n").problems().get(0).message()).contains("is a list");
    }

    /** The problems of a file that has mistakes, from which nothing is read. */
    private static List<PolicyYaml.Problem> refused(String yaml) {
        PolicyYaml.Read read = PolicyYaml.read(yaml);
        assertThat(read.entries()).as("policies read from a file with mistakes").isEmpty();
        return read.problems();
    }

    private static RetentionPolicy policy(long id, String name, PolicyScope scope, String schedule, int threshold, RuleGroupForm... groups) {
        return new RetentionPolicy(id, "acme", name, scope, List.of(groups), new Schedule(schedule), PolicyMode.ACT, threshold, "octocat",
                Set.of("read:packages"), NOW, "octocat", NOW);
    }
}
