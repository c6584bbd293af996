package dev.ghcrdashboard.cleanup;

/**
 * A tag pattern that cannot be used. The message is meant for the person who typed the pattern:
 * it names the problem and, when there is one, points at the position where it was found.
 */
class InvalidPatternException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String pattern;

    public InvalidPatternException(String message, String pattern) {
        super(message);
        this.pattern = pattern;
    }

    public String pattern() {
        return pattern;
    }
}
