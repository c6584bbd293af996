package dev.ghcrdashboard.visibility;

import dev.ghcrdashboard.github.Visibility;

/**
 * One package out of line, with the visibility that would fix it.
 *
 * @param reported what GitHub reports now ({@code null} for findings read back from storage)
 */
record DriftFinding(String packageName, Severity severity, String reason, Visibility reported,
                           Visibility target) {

    /** In report order: the dangerous ones first. */
    public enum Severity {
        /** Someone can read what should be closed: public package from a private repository, or an anonymous-pull leak. */
        DANGER,
        /** A rule of the owner is broken. */
        RULE,
        /** Worth a look: a private package from a public repository, a public package that anonymous pull cannot read. */
        NOTICE
    }
}
