package dev.ghcrdashboard.simulator;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request and the simulator's answer, as seen on the wire. Header names are lower-case.
 *
 * @param pathAndQuery the raw (still percent-encoded) path and query
 */
public record RecordedExchange(
        String method,
        String pathAndQuery,
        Map<String, List<String>> requestHeaders,
        byte[] requestBody,
        int status,
        Map<String, List<String>> responseHeaders,
        byte[] responseBody) {

    public RecordedExchange {
        requestHeaders = lowerCase(requestHeaders);
        responseHeaders = lowerCase(responseHeaders);
        requestBody = requestBody == null ? new byte[0] : requestBody;
        responseBody = responseBody == null ? new byte[0] : responseBody;
    }

    public String path() {
        int query = pathAndQuery.indexOf('?');
        return query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
    }

    public String responseHeader(String name) {
        List<String> values = responseHeaders.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String requestHeader(String name) {
        List<String> values = requestHeaders.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String responseText() {
        return new String(responseBody, StandardCharsets.UTF_8);
    }

    private static Map<String, List<String>> lowerCase(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new TreeMap<>();
        if (headers != null) {
            headers.forEach((name, values) -> copy.merge(name.toLowerCase(Locale.ROOT), List.copyOf(values),
                    (a, b) -> {
                        List<String> merged = new java.util.ArrayList<>(a);
                        merged.addAll(b);
                        return List.copyOf(merged);
                    }));
        }
        return java.util.Collections.unmodifiableMap(copy);
    }

    @Override
    public String toString() {
        // Authorization headers carry tokens: never print them.
        return method + " " + pathAndQuery + " -> " + status;
    }
}
