package dev.ghcrdashboard.registry;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the OCI registry lives and how patiently to talk to it.
 *
 * @param url base URL of the registry ({@code https://ghcr.io})
 * @param service the {@code service} a token is requested for when a challenge does not name one
 * @param connectTimeout how long to wait for a connection
 * @param responseTimeout how long one request may take, body included
 * @param retries how many times a 5xx, 429 or a request without answer (timeout, refused connection) is
 *        retried before giving up
 * @param retryBackoff the longest wait before the first retry, doubled for each further one; each wait is
 *        drawn at random between half and all of it, so clients do not return in step
 * @param concurrency how many manifests bulk reads fetch at once, all of them together: 48 reads the
 *        10,000 manifests of a large package in about 10 s of pure latency at 50 ms per request (32 s on
 *        a loaded 2-core host, see docs/benchmarks.md), and with the REST page fetches stays well below
 *        the 100 concurrent requests GitHub allows
 * @param maxDocumentSize largest manifest, config blob or tag list accepted, in bytes
 */
@Validated
@ConfigurationProperties("ghcr-dashboard.registry")
public record RegistryProperties(
        @NotNull @DefaultValue("https://ghcr.io") URI url,
        @NotNull @DefaultValue("ghcr.io") String service,
        @NotNull @DefaultValue("5s") Duration connectTimeout,
        @NotNull @DefaultValue("30s") Duration responseTimeout,
        @Min(0) @DefaultValue("2") int retries,
        @NotNull @DefaultValue("500ms") Duration retryBackoff,
        @Min(1) @DefaultValue("48") int concurrency,
        @Min(1024) @DefaultValue("8388608") int maxDocumentSize) {

    /** Defaults for a registry at {@code url}, for code that builds a client without Spring binding. */
    public static RegistryProperties forUrl(URI url) {
        return new RegistryProperties(url, url.getAuthority(), Duration.ofSeconds(5), Duration.ofSeconds(30), 2,
                Duration.ofMillis(500), 48, 8 * 1024 * 1024);
    }

    public RegistryProperties withRetryBackoff(Duration backoff) {
        return new RegistryProperties(url, service, connectTimeout, responseTimeout, retries, backoff, concurrency, maxDocumentSize);
    }

    public RegistryProperties withResponseTimeout(Duration timeout) {
        return new RegistryProperties(url, service, connectTimeout, timeout, retries, retryBackoff, concurrency, maxDocumentSize);
    }
}
