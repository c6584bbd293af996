package dev.ghcrdashboard.cleanup;

/**
 * A regular expression that backtracks so much on some tag that evaluating it was stopped, so that
 * a pattern such as {@code (a+)+$} cannot hold a request thread.
 */
class PatternTooExpensiveException extends InvalidPatternException {

    private static final long serialVersionUID = 1L;

    public PatternTooExpensiveException(String message, String pattern) {
        super(message, pattern);
    }
}
