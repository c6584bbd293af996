package dev.ghcrdashboard.operations;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link ConfigurationProblem} anywhere in a failed start into its one sentence, without a stack trace. */
final class ConfigurationProblemAnalyzer extends AbstractFailureAnalyzer<ConfigurationProblem> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConfigurationProblem problem) {
        return new FailureAnalysis(problem.getMessage(), problem.action(), problem);
    }
}
