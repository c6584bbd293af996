package dev.ghcrdashboard.simulator;

import java.util.List;

/**
 * Mints the bearer tokens that the simulator's {@code /token} endpoint hands out. The default issues
 * opaque random tokens; a test that fronts a real registry with token auth can plug in an issuer of
 * signed JWTs instead. Whatever is issued is also accepted by the simulator's own {@code /v2} API.
 */
@FunctionalInterface
public interface RegistryTokenIssuer {

    /**
     * @param subject the login the token is for, or {@code ""} when the request was anonymous
     * @param repository {@code owner/name}, nested names stay raw ({@code acme/tools/cli})
     * @param actions the granted actions, e.g. {@code [pull]}
     */
    String issue(String subject, String repository, List<String> actions);

    /** Opaque random tokens, meaningful only to the simulator that issued them. */
    static RegistryTokenIssuer opaque() {
        return (subject, repository, actions) -> Tokens.random("ghcr_");
    }
}
