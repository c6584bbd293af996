package dev.ghcrdashboard.common;

import java.util.regex.Pattern;

/**
 * Names and tags as GitHub hands them over, made safe to show and to copy. GitHub returns tags as they were
 * pushed, and has been seen returning values the OCI grammar forbids; characters that reorder or hide text
 * (bidirectional controls, zero-width marks) could make one tag look like another.
 */
public final class Names {

    /** The OCI distribution spec's tag grammar: docker refuses to pull anything else by tag. */
    private static final Pattern OCI_TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

    private Names() {
    }

    public static boolean isValidTag(String tag) {
        return tag != null && OCI_TAG.matcher(tag).matches();
    }

    /**
     * The text with every invisible or reordering character written out as {@code ⟨U+202E⟩}, so two names
     * that differ only in such characters look different on the page.
     */
    public static String visible(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder shown = new StringBuilder(text.length());
        text.codePoints().forEach(codePoint -> {
            if (hidden(codePoint)) {
                shown.append(String.format(java.util.Locale.ROOT, "⟨U+%04X⟩", codePoint));
            } else {
                shown.appendCodePoint(codePoint);
            }
        });
        return shown.toString();
    }

    /** Whether showing the text as is could hide or reorder part of it. */
    public static boolean hasHiddenCharacters(String text) {
        return text != null && text.codePoints().anyMatch(Names::hidden);
    }

    private static boolean hidden(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.FORMAT || type == Character.CONTROL || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || codePoint == 0x115F || codePoint == 0x1160
                || codePoint == 0x3164 || codePoint == 0xFFA0;
    }
}
