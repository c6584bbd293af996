package dev.ghcrdashboard.cleanup;

import java.util.List;

/** Wording shared by the explanations of plan items. */
final class Digests {

    private Digests() {
    }

    /** {@code sha256:0123456789ab…}: enough to recognise, short enough for a sentence. */
    static String shortForm(String digest) {
        int colon = digest.indexOf(':');
        return digest.length() > colon + 13 ? digest.substring(0, colon + 13) + "…" : digest;
    }

    static String image(String digest, List<String> tags) {
        return "image " + shortForm(digest) + (tags.isEmpty() ? " (untagged)" : " (tags " + String.join(", ", tags) + ")");
    }
}
