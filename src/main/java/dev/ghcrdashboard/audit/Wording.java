package dev.ghcrdashboard.audit;

import java.util.Locale;

/**
 * Page wording for the audit log's enums, derived from the constant's name so that what a page shows can never drift
 * from what is stored and exported ({@code ALREADY_DONE} reads "Already done").
 */
final class Wording {

    private Wording() {
    }

    static String ofConstant(Enum<?> constant) {
        String words = constant.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
