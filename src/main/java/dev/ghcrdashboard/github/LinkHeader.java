package dev.ghcrdashboard.github;

import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code Link} header (RFC 8288), as GitHub pages its lists and a registry pages {@code tags/list}
 * (docs/ghcr-platform.md §2, §7). URLs are kept exactly as the server wrote them: GitHub's may use forms
 * the client never builds itself ({@code /organizations/{id}/…}) and carry already percent-encoded
 * names, and a registry's are usually relative, so a caller resolves them against the URL it asked for.
 */
public final class LinkHeader {

    private static final Pattern LINK = Pattern.compile("<([^>]*)>((?:\\s*;\\s*[^;,]+)*)");
    private static final Pattern REL = Pattern.compile("(?i)\\brel\\s*=\\s*\"?([^\";]+)\"?");
    private static final Pattern PAGE = Pattern.compile("([?&])page=(\\d+)");
    private static final Pattern PER_PAGE = Pattern.compile("[?&]per_page=(\\d+)");

    private final Map<String, URI> byRel;

    private LinkHeader(Map<String, URI> byRel) {
        this.byRel = byRel;
    }

    /**
     * Reads the header; {@code null} (no header) has no links. A header sent in several lines is
     * read joined with commas, as HTTP combines them.
     */
    public static LinkHeader parse(String header) {
        Map<String, URI> links = new HashMap<>();
        if (header != null) {
            Matcher link = LINK.matcher(header);
            while (link.find()) {
                Matcher rel = REL.matcher(link.group(2));
                if (rel.find()) {
                    // Relation types are case-insensitive, and one link may carry several ("prev first").
                    for (String name : rel.group(1).trim().split("\\s+")) {
                        links.put(name.toLowerCase(Locale.ROOT), URI.create(link.group(1).trim()));
                    }
                }
            }
        }
        return new LinkHeader(Map.copyOf(links));
    }

    /** The {@code rel="next"} link as written (possibly relative), if there is a next page. */
    public Optional<URI> next() {
        return Optional.ofNullable(byRel.get("next"));
    }

    Optional<URI> last() {
        return Optional.ofNullable(byRel.get("last"));
    }

    static Optional<Integer> page(URI uri) {
        Matcher m = PAGE.matcher(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return m.find() ? Optional.of(Integer.valueOf(m.group(2))) : Optional.empty();
    }

    static Optional<Integer> perPage(URI uri) {
        Matcher m = PER_PAGE.matcher(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return m.find() ? Optional.of(Integer.valueOf(m.group(1))) : Optional.empty();
    }

    /** The same URL with another {@code page} value; everything else stays byte for byte. */
    static URI withPage(URI uri, int page) {
        String raw = uri.toString();
        int query = raw.indexOf('?');
        Matcher m = PAGE.matcher(raw);
        if (query < 0 || !m.find(query)) {
            throw new IllegalArgumentException("no page parameter in " + uri);
        }
        return URI.create(raw.substring(0, m.start()) + m.group(1) + "page=" + page + raw.substring(m.end()));
    }
}
