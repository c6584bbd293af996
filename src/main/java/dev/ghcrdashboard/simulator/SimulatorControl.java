package dev.ghcrdashboard.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Test and demo hooks: act as other people on GitHub, inject trouble, and read the state back. */
public interface SimulatorControl {

    /** Changes a package's visibility ({@code public}, {@code private}, {@code internal}) as a person on GitHub's settings page would. */
    void setVisibility(String owner, String packageName, String visibility);

    /**
     * Makes {@code login} an {@code admin} or {@code member} of {@code org}, as an org owner would on GitHub;
     * {@code null} removes them from the organization (and its teams).
     */
    void setOrgRole(String org, String login, String role);

    /** Deletes a version behind the dashboard's back (no rules applied, as an owner on github.com would). */
    void deleteVersionAsSomeoneElse(String owner, String packageName, long versionId);

    /**
     * Pushes a new single-arch image and points {@code tag} at it; the tag leaves the version that held it.
     *
     * @return the digest of the new manifest
     */
    String pushTag(String owner, String packageName, String tag);

    void setLatency(Duration latency);

    void addFault(FaultRule rule);

    void clearFaults();

    RequestCounts counts();

    void resetCounts();

    /** Active versions ({@code deleted=false}) or deleted ones, newest first. */
    List<SimulatedVersion> versions(String owner, String packageName, boolean deleted);

    /** The digest a tag points at, as the registry would resolve it now. */
    Optional<String> resolveTag(String owner, String packageName, String tag);

    /** Whether the manifest is active and, for an index, every manifest it lists (recursively) is too. */
    boolean isComplete(String owner, String packageName, String digest);

    /** The package's visibility now ({@code public}, {@code private}, {@code internal}). */
    String visibility(String owner, String packageName);

    /** Listeners see every exchange (REST, OAuth, registry, control) just before the response is sent; keep them quick. */
    void addExchangeListener(Consumer<RecordedExchange> listener);

    void removeExchangeListener(Consumer<RecordedExchange> listener);
}
