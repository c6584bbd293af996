package dev.ghcrdashboard.github;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub's pagination {@code Link} header. URLs are kept exactly as GitHub wrote them: they may
 * use forms the client never builds itself ({@code /organizations/{id}/…}) and carry already
 * percent-encoded names.
 */
record LinkHeader(Map<String, URI> byRel) {

    private static final Pattern LINK = Pattern.compile("<([^>]*)>((?:\\s*;\\s*[^;,]+)*)");
    private static final Pattern REL = Pattern.compile("rel\\s*=\\s*\"?([^\";]+)\"?");
    private static final Pattern PAGE = Pattern.compile("([?&])page=(\\d+)");
    private static final Pattern PER_PAGE = Pattern.compile("[?&]per_page=(\\d+)");

    static LinkHeader parse(String header) {
        Map<String, URI> links = new HashMap<>();
        if (header != null) {
            Matcher link = LINK.matcher(header);
            while (link.find()) {
                Matcher rel = REL.matcher(link.group(2));
                if (rel.find()) {
                    for (String name : rel.group(1).trim().split("\\s+")) {
                        links.put(name, URI.create(link.group(1).trim()));
                    }
                }
            }
        }
        return new LinkHeader(Map.copyOf(links));
    }

    Optional<URI> next() {
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
