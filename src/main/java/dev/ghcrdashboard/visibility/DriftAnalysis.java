package dev.ghcrdashboard.visibility;

import dev.ghcrdashboard.github.ContainerPackage;
import dev.ghcrdashboard.github.Visibility;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Finds every package that breaks a rule or whose visibility differs from its linked repository's. */
final class DriftAnalysis {

    private DriftAnalysis() {
    }

    static List<DriftFinding> analyse(List<ContainerPackage> packages, List<VisibilityRule> rules,
                                      Map<String, StoredProof> proofs) {
        List<DriftFinding> findings = new ArrayList<>();
        for (ContainerPackage p : packages) {
            Visibility reported = p.visibility();
            if (p.repository() != null && p.repositoryPrivate() != null) {
                if (p.repositoryPrivate() && reported == Visibility.PUBLIC) {
                    findings.add(new DriftFinding(p.name(), DriftFinding.Severity.DANGER,
                            "Public package built from the private repository " + p.repository(), reported,
                            Visibility.PRIVATE));
                } else if (!p.repositoryPrivate() && reported == Visibility.PRIVATE) {
                    findings.add(new DriftFinding(p.name(), DriftFinding.Severity.NOTICE,
                            "Private package linked to the public repository " + p.repository(), reported,
                            Visibility.PUBLIC));
                }
            }
            for (VisibilityRule rule : rules) {
                if (rule.appliesTo(p.name(), p.repositoryPrivate()) && reported != rule.kind().required()) {
                    findings.add(new DriftFinding(p.name(), DriftFinding.Severity.RULE,
                            "Breaks the rule: " + rule.describe(), reported, rule.kind().required()));
                }
            }
            StoredProof proof = proofs.get(p.name());
            if (proof != null && reported != null) {
                var status = new VisibilityStatus(p.owner().login(), p.name(), reported, proof);
                if (status.leaks()) {
                    findings.add(new DriftFinding(p.name(), DriftFinding.Severity.DANGER,
                            "GitHub reports " + reported.apiValue() + " but anonymous pull works", reported,
                            Visibility.PRIVATE));
                } else if (status.disagrees()) {
                    findings.add(new DriftFinding(p.name(), DriftFinding.Severity.NOTICE,
                            "GitHub reports public but anonymous pull is denied", reported, Visibility.PUBLIC));
                }
            }
        }
        findings.sort(Comparator.comparing(DriftFinding::severity).thenComparing(DriftFinding::packageName));
        return List.copyOf(findings);
    }
}
