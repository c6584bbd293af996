package dev.ghcrdashboard.github;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.http.HttpHeaders;

import dev.ghcrdashboard.caching.CacheStatistics;

/**
 * ETags and bodies of earlier 200 answers, per token and URL, so a repeat request can send
 * {@code If-None-Match} and a 304 (which costs no rate limit) can be answered from memory. Each also keeps how
 * long GitHub said it stays fresh ({@code Cache-Control: private, max-age=60}), for the few reads that may reuse
 * an answer without asking again: kept per token, it is the private cache that header allows.
 */
final class ConditionalCache {

    private ConditionalCache() {
    }

    record Key(TokenKey token, String uri) {
    }

    /**
     * An earlier answer. Its body is kept deflated when that makes it smaller: pages of versions are repetitive
     * JSON (a page of 100 versions deflates to about a seventh), so the byte budget holds every page of a
     * 100,000-version package and its warm refresh is answered 304 page by page, none charged to the rate limit.
     */
    record Entry(String etag, byte[] stored, int length, String link, String oauthScopes, Instant freshUntil) {

        /** Bodies shorter than this are kept as they are: deflating them saves little. */
        private static final int DEFLATE_FROM = 1024;

        static Entry of(String etag, byte[] body, String link, String oauthScopes, Instant freshUntil) {
            byte[] stored = body.length >= DEFLATE_FROM ? deflated(body) : body;
            return new Entry(etag, stored.length < body.length ? stored : body, body.length, link, oauthScopes, freshUntil);
        }

        /** The same answer, confirmed by a 304 that says how long it is fresh now. */
        Entry confirmedUntil(Instant until) {
            return new Entry(etag, stored, length, link, oauthScopes, until);
        }

        boolean freshAt(Instant now) {
            return now.isBefore(freshUntil);
        }

        /** The body as GitHub sent it. */
        byte[] body() {
            return stored.length == length ? stored : inflated(stored, length);
        }

        /** What the entry costs in memory: its stored bytes, plus 256 for the rest. */
        int weight() {
            return (int) Math.min(Integer.MAX_VALUE, stored.length + 256L);
        }

        private static byte[] deflated(byte[] body) {
            Deflater deflater = new Deflater(Deflater.BEST_SPEED);
            try {
                deflater.setInput(body);
                deflater.finish();
                ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4);
                byte[] chunk = new byte[8192];
                while (!deflater.finished()) {
                    out.write(chunk, 0, deflater.deflate(chunk));
                }
                return out.toByteArray();
            } finally {
                deflater.end();
            }
        }

        private static byte[] inflated(byte[] stored, int length) {
            Inflater inflater = new Inflater();
            try {
                inflater.setInput(stored);
                byte[] body = new byte[length];
                int filled = 0;
                while (filled < length && !inflater.finished()) {
                    int n = inflater.inflate(body, filled, length - filled);
                    if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        break;
                    }
                    filled += n;
                }
                if (filled != length) {
                    throw new IllegalStateException("a cached answer inflated to " + filled + " of " + length + " bytes");
                }
                return body;
            } catch (DataFormatException e) {
                throw new IllegalStateException("a cached answer could not be inflated", e);
            } finally {
                inflater.end();
            }
        }
    }

    /**
     * Until when an answer may be reused without asking: its {@code max-age} less its {@code Age}, counted from
     * {@code received}. Never, when it has none or says {@code no-cache} or {@code no-store}
     * (RFC 9111, section 5.2.2). {@code s-maxage} is for shared caches; this one is private.
     */
    static Instant freshUntil(HttpHeaders headers, Instant received) {
        long maxAge = -1;
        for (String value : headers.getValuesAsList(HttpHeaders.CACHE_CONTROL)) {
            String directive = value.trim().toLowerCase(Locale.ROOT);
            if (directive.equals("no-cache") || directive.startsWith("no-cache=") || directive.equals("no-store")) {
                return received;
            }
            if (directive.startsWith("max-age=")) {
                maxAge = seconds(directive.substring("max-age=".length()));
            }
        }
        long age = Math.max(0, seconds(Objects.requireNonNullElse(headers.getFirst(HttpHeaders.AGE), "0")));
        return maxAge <= age ? received : received.plusSeconds(maxAge - age);
    }

    private static long seconds(String value) {
        try {
            return Long.parseLong(value.trim().replace("\"", ""));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static Cache<Key, Entry> create(long maxBytes, CacheStatistics caches) {
        return caches.register("github.conditional-responses", Caffeine.newBuilder()
                // Bounded by bytes, not entries: a page of 100 versions weighs a hundred single packages.
                .maximumWeight(maxBytes)
                .weigher((Key key, Entry entry) -> entry.weight())
                // Evictions run on the writing thread (cheap here), so the byte bound holds once put returns.
                .executor(Runnable::run)
                .recordStats()
                .build());
    }
}
