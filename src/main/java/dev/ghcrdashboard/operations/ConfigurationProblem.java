package dev.ghcrdashboard.operations;

/**
 * A setting that stops the start. Its message is one sentence for the operator: the setting (with its
 * environment variable), what is wrong with it, and what to do. {@code ConfigurationProblemAnalyzer}
 * prints it instead of a stack trace, and the process exits non-zero.
 */
public class ConfigurationProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String action;

    /**
     * @param sentence names the setting, says what is wrong and what to do, e.g. "GHCR_DASHBOARD_SECRET_KEY
     *                 is not set, but …; set it to …"
     * @param action   the "what to do" alone, for Spring Boot's Action section
     */
    public ConfigurationProblem(String sentence, String action) {
        super(sentence);
        this.action = action;
    }

    public ConfigurationProblem(String sentence, String action, Throwable cause) {
        super(sentence, cause);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
