package dev.ghcrdashboard.cleanup;

/**
 * A tag pattern that cannot be used. The message is meant for the person who typed the pattern:
 * it names the problem and, when there is one, points at the position where it was found.
 */
class InvalidPatternException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String pattern;
    private final int position;

    public InvalidPatternException(String message, String pattern, int position) {
        super(message);
        this.pattern = pattern;
        this.position = position;
    }

    public String pattern() {
        return pattern;
    }

    /** Zero-based position of the problem in {@link #pattern()}, or -1 when it concerns the whole pattern. */
    public int position() {
        return position;
    }
}
