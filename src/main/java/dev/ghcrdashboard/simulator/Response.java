package dev.ghcrdashboard.simulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A response built completely before it is written, so it can be recorded for listeners. */
final class Response {

    final int status;
    final Map<String, List<String>> headers = new LinkedHashMap<>();
    final byte[] body;

    Response(int status, byte[] body) {
        this.status = status;
        this.body = body == null ? new byte[0] : body;
    }

    static Response empty(int status) {
        return new Response(status, null);
    }

    static Response bytes(int status, String contentType, byte[] body) {
        return new Response(status, body).header("Content-Type", contentType);
    }

    static Response html(int status, String html) {
        return bytes(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    static Response redirect(String location) {
        return empty(302).header("Location", location);
    }

    Response header(String name, String value) {
        headers.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        return this;
    }

    Response setHeader(String name, String value) {
        headers.put(name, new ArrayList<>(List.of(value)));
        return this;
    }

    String firstHeader(String name) {
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                return entry.getValue().get(0);
            }
        }
        return null;
    }
}
