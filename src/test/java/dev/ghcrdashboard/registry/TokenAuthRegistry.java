package dev.ghcrdashboard.registry;

import dev.ghcrdashboard.simulator.Scenario;
import dev.ghcrdashboard.simulator.Simulator;
import dev.ghcrdashboard.simulator.SimulatorOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A real registry ({@link RealRegistry}) behind token auth whose tokens the simulator's {@code /token} issues, as
 * ghcr.io's would: {@code token-auth-scenario.yml} decides who may pull and push which package, and
 * {@link JwtRegistryTokenIssuer} signs JWTs the registry trusts.
 */
record TokenAuthRegistry(Simulator simulator, RealRegistry registry, JwtRegistryTokenIssuer issuer) implements AutoCloseable {

    static final String SERVICE = "registry.test";

    /**
     * @param keys where the signing key and certificate go
     * @param tokenLifetime how long the JWTs live (the token endpoint still says 300 s)
     * @param clock what the issuer tells time by; one behind the registry's makes tokens it soon finds expired
     */
    static TokenAuthRegistry start(Path keys, Duration tokenLifetime, Clock clock) {
        JwtRegistryTokenIssuer issuer = JwtRegistryTokenIssuer.create(keys, "ghcr-simulator", SERVICE, tokenLifetime).withClock(clock);
        Simulator simulator;
        try (InputStream yaml = TokenAuthRegistry.class.getResourceAsStream("token-auth-scenario.yml")) {
            simulator = Simulator.start(Scenario.load(yaml), SimulatorOptions.defaults().withTokenIssuer(issuer).withRegistryService(SERVICE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            RealRegistry registry = RealRegistry.start(new RealRegistry.TokenAuth(URI.create(simulator.baseUrl() + "/token"), SERVICE,
                    issuer.issuer(), issuer.certificate()));
            return new TokenAuthRegistry(simulator, registry, issuer);
        } catch (RuntimeException | Error e) {
            simulator.close();
            throw e;
        }
    }

    static TokenAuthRegistry start(Path keys) {
        return start(keys, Duration.ofMinutes(5), Clock.systemUTC());
    }

    URI url() {
        return registry.url();
    }

    /** Pushes content the way CI would, with a token that may pull and push anything. */
    OciPusher pusher() {
        return new OciPusher(registry.url(), repository -> issuer.issue("ci", repository, List.of("pull", "push")));
    }

    @Override
    public void close() {
        try {
            registry.close();
        } finally {
            simulator.close();
        }
    }
}
