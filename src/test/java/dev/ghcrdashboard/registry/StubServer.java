package dev.ghcrdashboard.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A tiny loopback HTTP server for protocol cases a well-behaved registry never produces (tampered
 * bodies, lying headers, 503 storms, hand-written challenges). Handlers match on path prefix; every
 * request is recorded.
 */
final class StubServer implements AutoCloseable {

    record Request(String method, String path, String query, Headers headers) {

        String header(String name) {
            return headers.getFirst(name);
        }
    }

    record Reply(int status, Map<String, String> headers, byte[] body) {

        static Reply of(int status, Map<String, String> headers, String body) {
            return new Reply(status, headers, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @FunctionalInterface
    interface Handler {
        Reply handle(Request request) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    StubServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    StubServer on(String pathPrefix, Handler handler) {
        handlers.put(pathPrefix, handler);
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(String pathPrefix) {
        return requests.stream().filter(r -> r.path().startsWith(pathPrefix)).toList();
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders());
            requests.add(request);
            Handler handler = handlers.entrySet().stream()
                    .filter(entry -> request.path().startsWith(entry.getKey()))
                    .max(Map.Entry.comparingByKey((a, b) -> Integer.compare(a.length(), b.length())))
                    .map(Map.Entry::getValue)
                    .orElse(r -> Reply.of(404, Map.of(), "{\"errors\":[{\"code\":\"NAME_UNKNOWN\"}]}"));
            Reply reply;
            try {
                reply = handler.handle(request);
            } catch (Exception e) {
                reply = Reply.of(500, Map.of(), e.toString());
            }
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            boolean head = "HEAD".equals(request.method());
            if (head || reply.body().length == 0) {
                if (head && reply.body().length > 0 && !reply.headers().containsKey("Content-Length")) {
                    exchange.getResponseHeaders().set("Content-Length", String.valueOf(reply.body().length));
                }
                exchange.sendResponseHeaders(reply.status(), -1);
            } else {
                exchange.sendResponseHeaders(reply.status(), reply.body().length);
                exchange.getResponseBody().write(reply.body());
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
