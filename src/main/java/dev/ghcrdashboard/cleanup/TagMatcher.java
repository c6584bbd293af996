package dev.ghcrdashboard.cleanup;

import dev.ghcrdashboard.common.Names;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Evaluates one {@link TagPattern} against tags under a step budget. The regex engine reads its
 * input only through {@link CharSequence#charAt}, so counting those reads bounds the work of any
 * pattern, however it backtracks, without threads or timers.
 */
final class TagMatcher {

    static final int MAX_PATTERN_LENGTH = 200;
    /** An inline flag group that turns on Unicode case folding or Unicode classes: {@code (?iu)}, {@code (?U:…)}. */
    private static final Pattern UNICODE_FLAGS = Pattern.compile("\\(\\?[a-zA-Z]*[uU]");
    /** Character reads allowed for one tag: a sane pattern on a 128-character tag needs a few thousand. */
    static final long STEPS_PER_TAG = 1_000_000;
    /** Character reads allowed for one plan, so that many nearly-too-expensive tags cannot add up. */
    static final long STEPS_PER_PLAN = 100_000_000;

    private final TagPattern source;
    private final Pattern compiled;
    private long planSteps;

    TagMatcher(TagPattern source) {
        this.source = source;
        this.compiled = compile(source.pattern(), source.syntax());
    }

    /**
     * Whether the pattern names {@code tag} (see {@link TagPattern}): never a tag outside the OCI tag grammar, which
     * is ASCII, so a tag that only looks like the pattern (a full-width letter, a hidden character) is never reached.
     */
    boolean names(String tag) {
        if (!Names.isValidTag(tag)) {
            return false;
        }
        return matches(tag) == source.matches();
    }

    private boolean matches(String tag) {
        BudgetedText text = new BudgetedText(tag, new long[] {0});
        try {
            return compiled.matcher(text).matches();
        } catch (StepBudgetExceeded e) {
            String where = text.steps[0] > STEPS_PER_TAG ? "it backtracks without end on tag '" + tag + "'"
                    : "it needs too much work across this package's tags";
            throw new PatternTooExpensiveException("Tag pattern '" + source.pattern() + "' is too expensive to evaluate: " + where
                    + ". Avoid nested repetition such as (a+)+ or (.*a){20}.", source.pattern());
        } finally {
            planSteps += text.steps[0];
        }
    }

    static Pattern compile(String pattern, TagPattern.Syntax syntax) {
        if (pattern.isEmpty()) {
            throw new InvalidPatternException("Tag pattern is empty.", pattern);
        }
        if (pattern.length() > MAX_PATTERN_LENGTH) {
            throw new InvalidPatternException("Tag pattern is " + pattern.length() + " characters long; at most "
                    + MAX_PATTERN_LENGTH + " are allowed.", pattern);
        }
        return syntax == TagPattern.Syntax.GLOB ? compileGlob(pattern) : compileRegex(pattern);
    }

    private static Pattern compileGlob(String glob) {
        StringBuilder regex = new StringBuilder(glob.length() * 2);
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else if (isTagCharacter(c)) {
                regex.append(Character.isLetterOrDigit(c) || c == '_' ? String.valueOf(c) : "\\" + c);
            } else {
                throw new InvalidPatternException("Invalid glob at position " + (i + 1) + ": '" + c + "' can never appear in a tag"
                        + " (tags use letters, digits, '_', '.' and '-'; '*' and '?' are the wildcards)." + pointer(glob, i), glob);
            }
        }
        return Pattern.compile(regex.toString());
    }

    private static Pattern compileRegex(String regex) {
        java.util.regex.Matcher unicode = UNICODE_FLAGS.matcher(regex);
        if (unicode.find()) {
            throw new InvalidPatternException("Invalid regular expression at position " + (unicode.start() + 1) + ": the flags u and U"
                    + " make letters match look-alikes from other scripts, and a tag rule must never reach a tag that only looks like"
                    + " its pattern." + pointer(regex, unicode.start()), regex);
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            int index = Math.max(-1, Math.min(e.getIndex(), regex.length()));
            String where = index >= 0 ? " at position " + (index + 1) : "";
            throw new InvalidPatternException("Invalid regular expression" + where + ": " + e.getDescription() + "."
                    + (index >= 0 ? pointer(regex, index) : ""), regex);
        }
    }

    private static boolean isTagCharacter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    }

    private static String pointer(String pattern, int index) {
        return "\n" + pattern + "\n" + " ".repeat(index) + "^";
    }

    private long remainingPlanSteps() {
        return STEPS_PER_PLAN - planSteps;
    }

    /** Thrown by {@link BudgetedText} and caught above; it never leaves this class. */
    private static final class StepBudgetExceeded extends RuntimeException {

        private static final long serialVersionUID = 1L;

        StepBudgetExceeded() {
            super(null, null, false, false);
        }
    }

    /** A tag seen through a counter: every character read spends one step. */
    private final class BudgetedText implements CharSequence {

        private final String text;
        private final long[] steps;

        BudgetedText(String text, long[] steps) {
            this.text = text;
            this.steps = steps;
        }

        @Override
        public char charAt(int index) {
            if (++steps[0] > STEPS_PER_TAG || steps[0] > remainingPlanSteps()) {
                throw new StepBudgetExceeded();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new BudgetedText(text.substring(start, end), steps);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
