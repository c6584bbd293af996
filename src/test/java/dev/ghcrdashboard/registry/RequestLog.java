package dev.ghcrdashboard.registry;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

/** Records every request a client sends ("GET /v2/acme/app/manifests/sha256:…"), to count registry hits. */
final class RequestLog {

    private final List<String> requests = new CopyOnWriteArrayList<>();

    WebClient.Builder builder() {
        return WebClient.builder().filter(ExchangeFilterFunction.ofRequestProcessor(request -> {
            requests.add(request.method().name() + " " + request.url().getRawPath());
            return reactor.core.publisher.Mono.just(request);
        }));
    }

    long count(String method, String pathSuffix) {
        return requests.stream().filter(r -> r.startsWith(method + " ") && r.endsWith(pathSuffix)).count();
    }

    long count(String method) {
        return requests.stream().filter(r -> r.startsWith(method + " ")).count();
    }

    List<String> all() {
        return List.copyOf(requests);
    }

    void clear() {
        requests.clear();
    }
}
