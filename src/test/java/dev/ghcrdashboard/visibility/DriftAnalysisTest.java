package dev.ghcrdashboard.visibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ghcrdashboard.github.ContainerPackage;
import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.github.OwnerType;
import dev.ghcrdashboard.github.Visibility;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftAnalysisTest {

    private static final Owner ACME = new Owner("acme", OwnerType.ORGANIZATION, null);
    private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");

    static ContainerPackage pkg(String name, Visibility visibility, String repository, Boolean repositoryPrivate) {
        return new ContainerPackage(1, name, ACME, visibility, repository, repositoryPrivate, 1, NOW, NOW, null);
    }

    private static VisibilityRule rule(RuleKind kind, String pattern) {
        return new VisibilityRule(1L, "acme", kind, pattern, "alice", NOW);
    }

    @Test
    void publicPackageFromPrivateRepositoryIsDangerousAndListedFirst() {
        var findings = DriftAnalysis.analyse(List.of(
                pkg("a-docs", Visibility.PRIVATE, "acme/docs", false),
                pkg("z-secret", Visibility.PUBLIC, "acme/secret", true),
                pkg("fine", Visibility.PUBLIC, "acme/site", false)), List.of(), Map.of());

        assertThat(findings).extracting(DriftFinding::packageName, DriftFinding::severity, DriftFinding::target)
                .containsExactly(
                        tuple("z-secret", DriftFinding.Severity.DANGER, Visibility.PRIVATE),
                        tuple("a-docs", DriftFinding.Severity.NOTICE, Visibility.PUBLIC));
    }

    @Test
    void packagesWithoutRepositoryAreNotComparedWithOne() {
        var findings = DriftAnalysis.analyse(List.of(pkg("loose", Visibility.PUBLIC, null, null)),
                List.of(rule(RuleKind.LINKED_PRIVATE_REPOSITORY_MUST_BE_PRIVATE, null)), Map.of());
        assertThat(findings).isEmpty();
    }

    @Test
    void patternRulesFlagPackagesOnTheWrongSide() {
        var rules = List.of(rule(RuleKind.NAME_PATTERN_MUST_BE_PUBLIC, "public/*"),
                rule(RuleKind.NAME_PATTERN_MUST_BE_PRIVATE, "internal-*"));
        var findings = DriftAnalysis.analyse(List.of(
                pkg("public/site", Visibility.PRIVATE, null, null),
                pkg("public/docs", Visibility.PUBLIC, null, null),
                pkg("internal-tools", Visibility.PUBLIC, null, null),
                pkg("internal-db", Visibility.PRIVATE, null, null)), rules, Map.of());

        assertThat(findings).extracting(DriftFinding::packageName, DriftFinding::target)
                .containsExactly(tuple("internal-tools", Visibility.PRIVATE), tuple("public/site", Visibility.PUBLIC));
        assertThat(findings).allMatch(f -> f.severity() == DriftFinding.Severity.RULE);
        assertThat(findings.get(0).reason()).contains("internal-*");
    }

    @Test
    void linkedPrivateRepositoryRuleCountsInternalAsNotPrivate() {
        var findings = DriftAnalysis.analyse(List.of(pkg("svc", Visibility.INTERNAL, "acme/svc", true)),
                List.of(rule(RuleKind.LINKED_PRIVATE_REPOSITORY_MUST_BE_PRIVATE, null)), Map.of());
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(DriftFinding.Severity.RULE);
            assertThat(f.target()).isEqualTo(Visibility.PRIVATE);
        });
    }

    @Test
    void privatePackageThatAnyoneCanPullIsDangerous() {
        var proof = new StoredProof("acme", "leaky", new PullProof(true, "manifest readable", NOW));
        var findings = DriftAnalysis.analyse(List.of(pkg("leaky", Visibility.PRIVATE, null, null)), List.of(),
                Map.of("leaky", proof));
        assertThat(findings).singleElement().extracting(DriftFinding::severity).isEqualTo(DriftFinding.Severity.DANGER);
    }

    @Test
    void csvNeutralisesFormulasAndQuotes() {
        var out = new StringWriter();
        DriftCsv.write(List.of(new DriftFinding("=HYPERLINK(\"http://evil\")", DriftFinding.Severity.DANGER,
                "@SUM(1)", Visibility.PUBLIC, Visibility.PRIVATE)), out);
        assertThat(out.toString()).isEqualTo("package,severity,reported,should_be,reason\r\n"
                + "\"'=HYPERLINK(\"\"http://evil\"\")\",\"DANGER\",\"public\",\"private\",\"'@SUM(1)\"\r\n");
    }
}
