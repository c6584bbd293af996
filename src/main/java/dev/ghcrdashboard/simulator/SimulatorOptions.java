package dev.ghcrdashboard.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Simulator} behaves beyond its scenario.
 *
 * @param port TCP port on 127.0.0.1; 0 picks a free one
 * @param latency delay added to every request (also changeable at runtime)
 * @param tokenIssuer mints registry bearer tokens
 * @param clock time source for created/deleted dates, the 30-day restore window and rate-limit windows
 * @param rateLimitPerHour primary REST rate limit per token
 * @param secondaryLimit per-endpoint points limit, or {@code null} for none
 * @param linkLast whether pagination {@code Link} headers carry {@code rel="last"} (GitHub sometimes omits it)
 * @param linkByOwnerId whether {@code Link} URLs use GitHub's {@code /organizations/{id}/…} and
 *        {@code /user/{id}/…} form instead of repeating the request path
 * @param registryService the {@code service} in registry challenges
 */
public record SimulatorOptions(
        int port,
        Duration latency,
        RegistryTokenIssuer tokenIssuer,
        Clock clock,
        int rateLimitPerHour,
        SecondaryLimit secondaryLimit,
        boolean linkLast,
        boolean linkByOwnerId,
        String registryService) {

    public SimulatorOptions {
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(tokenIssuer, "tokenIssuer");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(registryService, "registryService");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (rateLimitPerHour <= 0) {
            throw new IllegalArgumentException("rateLimitPerHour must be positive");
        }
    }

    /** Free port, no latency, opaque tokens, system clock, 5,000 requests/hour, no secondary limit, full Link headers. */
    public static SimulatorOptions defaults() {
        return new SimulatorOptions(0, Duration.ZERO, RegistryTokenIssuer.opaque(), Clock.systemUTC(), 5000, null,
                true, false, "ghcr-simulator");
    }

    public SimulatorOptions withPort(int value) {
        return new SimulatorOptions(value, latency, tokenIssuer, clock, rateLimitPerHour, secondaryLimit, linkLast, linkByOwnerId, registryService);
    }

    public SimulatorOptions withLatency(Duration value) {
        return new SimulatorOptions(port, value, tokenIssuer, clock, rateLimitPerHour, secondaryLimit, linkLast, linkByOwnerId, registryService);
    }

    public SimulatorOptions withTokenIssuer(RegistryTokenIssuer value) {
        return new SimulatorOptions(port, latency, value, clock, rateLimitPerHour, secondaryLimit, linkLast, linkByOwnerId, registryService);
    }

    public SimulatorOptions withClock(Clock value) {
        return new SimulatorOptions(port, latency, tokenIssuer, value, rateLimitPerHour, secondaryLimit, linkLast, linkByOwnerId, registryService);
    }

    public SimulatorOptions withRateLimitPerHour(int value) {
        return new SimulatorOptions(port, latency, tokenIssuer, clock, value, secondaryLimit, linkLast, linkByOwnerId, registryService);
    }

    public SimulatorOptions withSecondaryLimit(SecondaryLimit value) {
        return new SimulatorOptions(port, latency, tokenIssuer, clock, rateLimitPerHour, value, linkLast, linkByOwnerId, registryService);
    }

    public SimulatorOptions withLinkLast(boolean value) {
        return new SimulatorOptions(port, latency, tokenIssuer, clock, rateLimitPerHour, secondaryLimit, value, linkByOwnerId, registryService);
    }

    public SimulatorOptions withLinkByOwnerId(boolean value) {
        return new SimulatorOptions(port, latency, tokenIssuer, clock, rateLimitPerHour, secondaryLimit, linkLast, value, registryService);
    }

    public SimulatorOptions withRegistryService(String value) {
        return new SimulatorOptions(port, latency, tokenIssuer, clock, rateLimitPerHour, secondaryLimit, linkLast, linkByOwnerId, value);
    }
}
