package dev.ghcrdashboard.visibility;

import dev.ghcrdashboard.github.ContainerPackage;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Anonymous-pull proofs: taken on demand, cached in the database (latest per package) so pages show
 * them without touching the registry.
 */
@Service
public class VisibilityProofs {

    private final AnonymousPullProver prover;
    private final ProofRepository proofs;

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

    /** What {@code visibility :: badge(status)} renders for a package. */
    public VisibilityStatus status(ContainerPackage containerPackage) {
        String owner = containerPackage.owner().login();
        return new VisibilityStatus(owner, containerPackage.name(), containerPackage.visibility(),
                latest(owner, containerPackage.name()).orElse(null));
    }

    void record(StoredProof proof) {
        proofs.save(proof);
    }
}
