package dev.ghcrdashboard.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.web.util.UriUtils;

/**
 * The one guard for every "return to" address a request carries (back links, redirects after a
 * permission grant or a form): only a path inside the dashboard passes. Browsers forgive a lot — they
 * drop tabs and newlines, read {@code \} as {@code /} and {@code //host} as another site — so the value
 * is judged after decoding, and anything that could be read as leaving the site is refused rather than
 * repaired.
 */
public final class ReturnAddress {

    /** Where a refused or missing address sends the person instead. */
    public static final String HOME = "/";
    private static final int MAX_LENGTH = 2048;

    private ReturnAddress() {
    }

    /** The address itself when it is a safe path of this site, otherwise {@link #HOME}. */
    public static String localPath(String candidate) {
        return checked(candidate).orElse(HOME);
    }

    /** The address itself when it is a safe path of this site; empty otherwise. */
    public static Optional<String> checked(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = decodeFully(candidate);
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
        if (!looksLocal(candidate) || !looksLocal(decoded) || hasDotSegment(decoded)) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(candidate);
            if (uri.getScheme() != null || uri.getRawAuthority() != null || uri.getRawPath() == null
                    || !uri.getRawPath().startsWith("/")) {
                return Optional.empty();
            }
            String normalised = uri.normalize().getRawPath();
            if (normalised.startsWith("//") || normalised.startsWith("/..")) {
                return Optional.empty();
            }
        } catch (URISyntaxException notAUri) {
            return Optional.empty();
        }
        return Optional.of(candidate);
    }

    /** One path-absolute reference: no control or space characters, no backslash, not protocol-relative. */
    private static boolean looksLocal(String value) {
        if (!value.startsWith("/") || value.startsWith("//")) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c == 0x7f || c == '\\' || Character.isISOControl(c)
                    || Character.getType(c) == Character.FORMAT || Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    /** Our own links never climb with {@code ..}; an address that does was not made by the dashboard. */
    private static boolean hasDotSegment(String path) {
        String withoutQuery = path.split("[?#]", 2)[0];
        return ("/" + withoutQuery + "/").contains("/../") || ("/" + withoutQuery + "/").contains("/./");
    }

    /** Percent-decodes until stable (an address can be encoded twice to slip past one decoding). */
    private static String decodeFully(String value) {
        String current = value;
        for (int round = 0; round < 3; round++) {
            String decoded = UriUtils.decode(current, StandardCharsets.UTF_8);
            if (decoded.equals(current)) {
                return decoded;
            }
            current = decoded;
        }
        throw new IllegalArgumentException("encoded too many times");
    }
}
