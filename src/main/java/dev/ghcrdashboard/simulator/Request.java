package dev.ghcrdashboard.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.sun.net.httpserver.Headers;

/** An incoming request with its path split into percent-decoded segments (so {@code tools%2Fcli} stays one segment). */
final class Request {

    final String method;
    final String rawPath;
    final String rawQuery;
    final List<String> segments;
    final Map<String, String> query;
    final Headers headers;
    final byte[] body;

    Request(String method, String rawPath, String rawQuery, Headers headers, byte[] body) {
        this.method = method.toUpperCase(Locale.ROOT);
        this.rawPath = rawPath;
        this.rawQuery = rawQuery;
        this.headers = headers;
        this.body = body;
        this.segments = segments(rawPath);
        this.query = form(rawQuery);
    }

    String pathAndQuery() {
        return rawQuery == null ? rawPath : rawPath + "?" + rawQuery;
    }

    String header(String name) {
        return headers.getFirst(name);
    }

    /** The form fields of an {@code application/x-www-form-urlencoded} body. */
    Map<String, String> formBody() {
        return form(new String(body, StandardCharsets.UTF_8));
    }

    /** Values of a repeated form field ({@code scope=a&scope=b}). */
    List<String> formValues(String name) {
        return values(new String(body, StandardCharsets.UTF_8), name);
    }

    /** Values of a repeated query parameter (a registry token request may carry several {@code scope}s). */
    List<String> queryValues(String name) {
        return values(rawQuery, name);
    }

    private static List<String> values(String text, String name) {
        List<String> values = new ArrayList<>();
        if (text == null) {
            return values;
        }
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && decode(pair.substring(0, eq)).equals(name)) {
                values.add(decode(pair.substring(eq + 1)));
            }
        }
        return values;
    }

    /** The token of {@code Authorization: Bearer|token …}, or null. */
    String bearerOrToken() {
        String authorization = header("Authorization");
        if (authorization == null) {
            return null;
        }
        String[] parts = authorization.trim().split("\\s+", 2);
        if (parts.length == 2 && (parts[0].equalsIgnoreCase("bearer") || parts[0].equalsIgnoreCase("token"))) {
            return parts[1].trim();
        }
        return null;
    }

    /** {@code [user, password]} of {@code Authorization: Basic …}, or null. */
    String[] basic() {
        String authorization = header("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static Map<String, String> form(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return values;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            values.putIfAbsent(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return values;
    }

    private static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(decodePath(segment));
            }
        }
        return segments;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    /** Path segments keep '+' literal (only query strings use '+' for space). */
    private static String decodePath(String segment) {
        return decode(segment.replace("+", "%2B"));
    }
}
