package dev.ghcrdashboard.visibility;

import dev.ghcrdashboard.github.GitHubClient;
import dev.ghcrdashboard.registry.AnonymousPullProof;
import dev.ghcrdashboard.registry.RegistryAccessDeniedException;
import dev.ghcrdashboard.registry.RegistryClient;
import dev.ghcrdashboard.registry.RegistryCredentials;
import dev.ghcrdashboard.registry.RegistryException;
import dev.ghcrdashboard.registry.RegistryNotFoundException;
import dev.ghcrdashboard.registry.RegistryRepository;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Connects the visibility feature's ports to the GitHub and registry clients and to the signed-in
 * person. Kept in one place so the feature's own code stays independent of how the rest of the
 * application is built.
 */
@Configuration
class VisibilityWiring {

    @Bean
    PackageVisibilitySource packageVisibilitySource(GitHubClient gitHub) {
        // GitHubClient sends If-None-Match: while nothing changes the watcher's polls answer 304 and cost no budget.
        return gitHub::containerPackage;
    }

    @Bean
    OwnerPackagesSource ownerPackagesSource(GitHubClient gitHub) {
        return gitHub::packages;
    }

    @Bean
    AnonymousPullProver anonymousPullProver(RegistryClient registry, Clock clock) {
        return new RegistryAnonymousPullProver(registry, clock);
    }

    /**
     * Proves effective visibility the way an outsider would: with no credentials at all. A private
     * package already fails at the anonymous token; for a public one the tag list is read
     * anonymously and one real tag is pulled (HEAD), so "pullable" means a stranger's
     * {@code docker pull} works. A registry that does not answer proves nothing: that surfaces as
     * {@link ProofUnavailableException}, so callers say "could not check" instead of "denied".
     */
    record RegistryAnonymousPullProver(RegistryClient registry, Clock clock) implements AnonymousPullProver {

        @Override
        public PullProof prove(String owner, String packageName) {
            try {
                return attempt(new RegistryRepository(owner, packageName));
            } catch (RegistryException e) {
                throw new ProofUnavailableException(owner + "/" + packageName, e);
            }
        }

        private PullProof attempt(RegistryRepository repository) {
            List<String> tags;
            try {
                tags = registry.tags(repository, RegistryCredentials.anonymous());
            } catch (RegistryAccessDeniedException e) {
                return new PullProof(false, "anonymous access denied", clock.instant());
            } catch (RegistryNotFoundException e) {
                return new PullProof(false, "not found without credentials", clock.instant());
            }
            if (tags.isEmpty()) {
                return new PullProof(true, "anonymous token granted and tag list readable (no tag to pull)", clock.instant());
            }
            String reference = tags.contains("latest") ? "latest" : tags.get(tags.size() - 1);
            AnonymousPullProof proof = registry.proveAnonymousPull(repository, reference);
            return new PullProof(proof.pullable(), proof.detail() + " (tag " + reference + ")", proof.checkedAt());
        }
    }
}
