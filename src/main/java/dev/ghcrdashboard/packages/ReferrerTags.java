package dev.ghcrdashboard.packages;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tag schemes ghcr.io clients use instead of a referrers API (docs/ghcr-platform.md §7): the OCI
 * referrers tag {@code sha256-<hex>} and cosign's legacy {@code sha256-<hex>.sig|.att|.sbom}.
 */
final class ReferrerTags {

    private static final Pattern SCHEME = Pattern.compile("(sha256|sha384|sha512)-([0-9a-f]{64}|[0-9a-f]{96}|[0-9a-f]{128})(?:\\.(sig|att|sbom))?");

    enum Suffix { NONE, SIG, ATT, SBOM }

    record Parsed(String subjectDigest, Suffix suffix) {
    }

    private ReferrerTags() {
    }

    static boolean isReferrerTag(String tag) {
        return parse(tag) != null;
    }

    /** The subject a referrer-scheme tag names, or {@code null} for an ordinary tag. */
    static Parsed parse(String tag) {
        if (!tag.startsWith("sha")) {
            return null;
        }
        Matcher matcher = SCHEME.matcher(tag);
        if (!matcher.matches()) {
            return null;
        }
        String suffix = matcher.group(3);
        Suffix kind = suffix == null ? Suffix.NONE : switch (suffix) {
            case "sig" -> Suffix.SIG;
            case "att" -> Suffix.ATT;
            default -> Suffix.SBOM;
        };
        return new Parsed(matcher.group(1) + ":" + matcher.group(2), kind);
    }
}
