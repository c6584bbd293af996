package dev.ghcrdashboard.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

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
        return with(options -> options.port = value);
    }

    public SimulatorOptions withLatency(Duration value) {
        return with(options -> options.latency = value);
    }

    public SimulatorOptions withTokenIssuer(RegistryTokenIssuer value) {
        return with(options -> options.tokenIssuer = value);
    }

    public SimulatorOptions withClock(Clock value) {
        return with(options -> options.clock = value);
    }

    public SimulatorOptions withRateLimitPerHour(int value) {
        return with(options -> options.rateLimitPerHour = value);
    }

    public SimulatorOptions withSecondaryLimit(SecondaryLimit value) {
        return with(options -> options.secondaryLimit = value);
    }

    public SimulatorOptions withLinkLast(boolean value) {
        return with(options -> options.linkLast = value);
    }

    public SimulatorOptions withLinkByOwnerId(boolean value) {
        return with(options -> options.linkByOwnerId = value);
    }

    public SimulatorOptions withRegistryService(String value) {
        return with(options -> options.registryService = value);
    }

    /** A copy with one option changed: the withers above name the option, this copies the rest. */
    private SimulatorOptions with(Consumer<Draft> change) {
        Draft draft = new Draft(this);
        change.accept(draft);
        return new SimulatorOptions(draft.port, draft.latency, draft.tokenIssuer, draft.clock, draft.rateLimitPerHour,
                draft.secondaryLimit, draft.linkLast, draft.linkByOwnerId, draft.registryService);
    }

    /** The options while one of them is being changed. */
    private static final class Draft {
        int port;
        Duration latency;
        RegistryTokenIssuer tokenIssuer;
        Clock clock;
        int rateLimitPerHour;
        SecondaryLimit secondaryLimit;
        boolean linkLast;
        boolean linkByOwnerId;
        String registryService;

        Draft(SimulatorOptions options) {
            port = options.port();
            latency = options.latency();
            tokenIssuer = options.tokenIssuer();
            clock = options.clock();
            rateLimitPerHour = options.rateLimitPerHour();
            secondaryLimit = options.secondaryLimit();
            linkLast = options.linkLast();
            linkByOwnerId = options.linkByOwnerId();
            registryService = options.registryService();
        }
    }
}
