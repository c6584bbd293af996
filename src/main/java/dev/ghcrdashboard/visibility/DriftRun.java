package dev.ghcrdashboard.visibility;

import java.time.Instant;
import java.util.List;

/**
 * The latest stored drift check of an owner.
 *
 * @param trigger {@code PAGE} (someone opened the report) or {@code SCHEDULE}
 */
record DriftRun(String ownerLogin, Instant checkedAt, String trigger, int packageCount,
                       List<DriftFinding> findings) {

    public DriftRun {
        findings = List.copyOf(findings);
    }

    public long dangerous() {
        return findings.stream().filter(f -> f.severity() == DriftFinding.Severity.DANGER).count();
    }
}
