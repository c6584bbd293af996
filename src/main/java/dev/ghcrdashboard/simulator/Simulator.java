package dev.ghcrdashboard.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stateful stand-in for github.com, its REST API (GHES layout under {@code /api/v3}), the OAuth web flow
 * and ghcr.io, on one loopback port. Start it from a {@link Scenario}; close it when done.
 */
public final class Simulator implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Simulator.class.getName());

    static {
        // The JDK server writes a response's headers and its body in two writes; without TCP_NODELAY the body can wait
        // for the client's delayed ACK: with the JDK's HttpClient every exchange took 47 ms instead of 2. GitHub has
        // no such stall, so the simulator must not add one by accident. The JDK reads this property once, when the
        // first com.sun.net.httpserver server of the process starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI baseUrl;
    private final SimulatorOptions options;
    private final Controls control;
    private final Faults faults = new Faults();
    private final Counters counters = new Counters();
    private final RestApi rest;
    private final RegistryApi registry;
    private final OAuthFlow oauth;
    private final WebPages pages;
    private final PackagePages packagePages;
    private final ControlApi controlApi;

    private Simulator(Scenario scenario, SimulatorOptions options) throws IOException {
        this.options = options;
        State state = new State(scenario, options.clock(), Json.MAPPER);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 128);
        this.baseUrl = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        String base = baseUrl.toString();
        this.control = new Controls(state, faults, counters, options.latency());
        this.rest = new RestApi(state, options, base, counters,
                new RateLimits(options.clock(), options.rateLimitPerHour(), options.secondaryLimit()));
        this.registry = new RegistryApi(state, options, base, counters);
        this.oauth = new OAuthFlow(state, counters);
        this.pages = new WebPages(state, base + "/api/v3");
        this.packagePages = new PackagePages(state, base);
        this.controlApi = new ControlApi(control);
        this.executor = Executors.newCachedThreadPool(daemonThreads());
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
    }

    /** Builds the scenario's world and starts serving on 127.0.0.1 ({@code options.port()}, 0 = a free port). */
    public static Simulator start(Scenario scenario, SimulatorOptions options) {
        try {
            Simulator simulator = new Simulator(scenario, options);
            simulator.server.start();
            return simulator;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the GitHub simulator on port " + options.port(), e);
        }
    }

    /** {@code http://127.0.0.1:PORT}: the web host (OAuth, settings pages) and the registry host. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** {@code baseUrl + /api/v3}: the REST API root, as on GitHub Enterprise Server. */
    public URI apiUrl() {
        return URI.create(baseUrl + "/api/v3");
    }

    /** The {@code service} registry challenges name and {@code /token} expects. */
    public String registryService() {
        return options.registryService();
    }

    public SimulatorControl control() {
        return control;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void exchange(HttpExchange exchange) {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            URI uri = exchange.getRequestURI();
            Request request = new Request(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
                    exchange.getRequestHeaders(), body);
            Response response = respond(request);
            // Listeners run before the client sees the answer, so a test asserting right after its call sees it recorded.
            notifyListeners(request, response);
            write(exchange, request, response);
        } catch (IOException e) {
            LOG.log(Level.FINE, "client went away", e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "simulator failed on " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath(), e);
        }
    }

    private Response respond(Request request) {
        List<String> s = request.segments;
        boolean controlCall = !s.isEmpty() && s.get(0).equals("_simulator");
        if (!controlCall) {
            sleep(control.latency);
        }
        boolean isRest = s.size() >= 2 && s.get(0).equals("api") && s.get(1).equals("v3");
        if (isRest) {
            counters.rest.incrementAndGet();
        }
        if (!s.isEmpty() && !controlCall) {
            FaultRule fault = faults.fire(request.method, request.pathAndQuery());
            if (fault != null) {
                if (fault.status() != 0) {
                    return Faults.answer(fault);
                }
                sleep(fault.delay());
            }
        }
        if (isRest) {
            return rest.handle(request);
        }
        if (s.isEmpty()) {
            return pages.home();
        }
        switch (s.get(0)) {
            case "login":
                if (s.size() == 3 && s.get(1).equals("oauth")) {
                    return oauth.handle(request);
                }
                break;
            case "token":
                if (s.size() == 1 && request.method.equals("GET")) {
                    return registry.token(request);
                }
                break;
            case "v2":
                return registry.v2(request);
            case "_simulator":
                return controlApi.handle(request);
            case "avatars":
                if (s.size() == 3) {
                    return pages.avatar(s.get(2));
                }
                break;
            case "orgs":
            case "users":
                Response page = packagePages.packageOrVersion(request);
                page = page != null ? page : pages.settings(request);
                if (page != null) {
                    return page;
                }
                break;
            default:
                Response repository = s.size() == 2 ? packagePages.repository(request, s.get(0), s.get(1)) : null;
                if (repository != null) {
                    return repository;
                }
                break;
        }
        return Response.html(404, Html.page("Not Found", "<h1>404: not found</h1>"));
    }

    private static void write(HttpExchange exchange, Request request, Response response) throws IOException {
        response.headers.forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
        boolean noBody = request.method.equals("HEAD") || response.status == 204 || response.status == 304 || response.body.length == 0;
        exchange.sendResponseHeaders(response.status, noBody ? -1 : response.body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body);
            }
        }
    }

    private void notifyListeners(Request request, Response response) {
        if (control.listeners.isEmpty()) {
            return;
        }
        Map<String, List<String>> requestHeaders = new LinkedHashMap<>(request.headers);
        RecordedExchange recorded = new RecordedExchange(request.method, request.pathAndQuery(), requestHeaders, request.body,
                response.status, response.headers, request.method.equals("HEAD") ? new byte[0] : response.body);
        for (Consumer<RecordedExchange> listener : control.listeners) {
            try {
                listener.accept(recorded);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "exchange listener failed", e);
            }
        }
    }

    private static void sleep(Duration duration) {
        if (duration == null || duration.isZero() || duration.isNegative()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "github-simulator-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
