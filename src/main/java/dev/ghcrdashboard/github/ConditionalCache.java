package dev.ghcrdashboard.github;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ETags and bodies of earlier 200 answers, per token and URL, so a repeat request can send
 * {@code If-None-Match} and a 304 (which costs no rate limit) can be answered from memory.
 * Least recently used entries go first once the byte budget is spent; bodies are kept raw because
 * their size is what bounds memory predictably.
 */
final class ConditionalCache {

    record Key(TokenKey token, String uri) {
    }

    record Entry(String etag, byte[] body, String link, String oauthScopes) {
        long weight() {
            return body.length + 256L;
        }
    }

    private final long maxBytes;
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    ConditionalCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    synchronized Entry get(Key key) {
        return entries.get(key);
    }

    synchronized void put(Key key, Entry entry) {
        if (entry.weight() > maxBytes) {
            remove(key);
            return;
        }
        Entry previous = entries.put(key, entry);
        bytes += entry.weight() - (previous == null ? 0 : previous.weight());
        Iterator<Map.Entry<Key, Entry>> eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            Map.Entry<Key, Entry> victim = eldest.next();
            bytes -= victim.getValue().weight();
            eldest.remove();
        }
    }

    synchronized void remove(Key key) {
        Entry removed = entries.remove(key);
        if (removed != null) {
            bytes -= removed.weight();
        }
    }

    synchronized int size() {
        return entries.size();
    }
}
