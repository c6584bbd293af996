package dev.ghcrdashboard.visibility;

import dev.ghcrdashboard.github.ContainerPackage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Anonymous-pull proofs: taken on demand and in the background for every package a page listed, cached in the
 * database (latest per package) so pages show them without touching the registry.
 */
@Service
public class VisibilityProofs {

    private static final Logger log = LoggerFactory.getLogger(VisibilityProofs.class);
    /** How many listed packages are remembered for the background prover; the least recently listed go first. */
    private static final int LISTED_LIMIT = 5_000;

    private final AnonymousPullProver prover;
    private final ProofRepository proofs;
    /** Packages pages listed, least recently listed first; true while their proof is missing or disagrees with GitHub. */
    private final Map<PackageKey, Boolean> listed = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PackageKey, Boolean> eldest) {
            return size() > LISTED_LIMIT;
        }
    });

    VisibilityProofs(AnonymousPullProver prover, ProofRepository proofs) {
        this.prover = prover;
        this.proofs = proofs;
    }

    /** Proves now and records the result as the latest proof. */
    public StoredProof recheck(String ownerLogin, String packageName) {
        StoredProof proof = new StoredProof(ownerLogin, packageName, prover.prove(ownerLogin, packageName));
        proofs.save(proof);
        return proof;
    }

    public Optional<StoredProof> latest(String ownerLogin, String packageName) {
        return proofs.find(ownerLogin, packageName);
    }

    /** The latest proof of every package of an owner that was ever proved, by package name. */
    public Map<String, StoredProof> latestFor(String ownerLogin) {
        return proofs.findAll(ownerLogin);
    }

    /**
     * What {@code visibility :: badge(status)} renders for a package. The package is then proved in the background:
     * soon when it never was or its proof disagrees with what GitHub reports now (its visibility changed since), and
     * again whenever its proof grows old.
     */
    public VisibilityStatus status(ContainerPackage containerPackage) {
        String owner = containerPackage.owner().login();
        VisibilityStatus status = new VisibilityStatus(owner, containerPackage.name(), containerPackage.visibility(),
                latest(owner, containerPackage.name()).orElse(null));
        listed(status);
        return status;
    }

    /** Remembers a listed package for the background prover; urgent when it has no proof or one GitHub contradicts. */
    void listed(VisibilityStatus status) {
        listed.put(new PackageKey(status.ownerLogin(), status.packageName()), !status.proved() || status.disagrees());
    }

    /**
     * Proves up to {@code limit} listed packages: first those never proved or whose proof disagrees with GitHub, then
     * those proved before {@code staleBefore}, oldest first. A registry that does not answer leaves a package for
     * the next run.
     *
     * @return how many were proved
     */
    int proveDue(Instant staleBefore, int limit) {
        List<Map.Entry<PackageKey, Boolean>> candidates;
        synchronized (listed) {
            candidates = new ArrayList<>(listed.entrySet());
        }
        List<PackageKey> due = new ArrayList<>();
        candidates.stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).forEach(due::add);
        candidates.stream().filter(entry -> !entry.getValue())
                .map(entry -> Map.entry(entry.getKey(), latest(entry.getKey().owner(), entry.getKey().name())
                        .map(proof -> proof.proof().checkedAt()).orElse(Instant.MIN)))
                .filter(entry -> entry.getValue().isBefore(staleBefore))
                .sorted(Map.Entry.comparingByValue())
                .forEach(entry -> due.add(entry.getKey()));
        int proved = 0;
        for (PackageKey key : due.subList(0, Math.min(limit, due.size()))) {
            try {
                recheck(key.owner(), key.name());
                listed.replace(key, false);
                proved++;
            } catch (ProofUnavailableException e) {
                log.debug("Background proof of {}/{} postponed: the registry did not answer", key.owner(), key.name());
            }
        }
        return proved;
    }

    void record(StoredProof proof) {
        proofs.save(proof);
    }

    private record PackageKey(String owner, String name) {
    }
}
