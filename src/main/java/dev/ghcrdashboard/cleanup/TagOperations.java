package dev.ghcrdashboard.cleanup;

import dev.ghcrdashboard.github.AccessToken;
import dev.ghcrdashboard.github.GitHubClient;
import dev.ghcrdashboard.github.GitHubException;
import dev.ghcrdashboard.github.GitHubNotFoundException;
import dev.ghcrdashboard.github.GitHubRejectedException;
import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.github.PackageVersion;
import dev.ghcrdashboard.github.VersionState;
import dev.ghcrdashboard.registry.RegistryAccessDeniedException;
import dev.ghcrdashboard.registry.RegistryClient;
import dev.ghcrdashboard.registry.RegistryCredentials;
import dev.ghcrdashboard.registry.RegistryException;
import dev.ghcrdashboard.registry.RegistryRepository;
import dev.ghcrdashboard.registry.RegistryWriter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The job steps of the tag actions. Each looks at where the tag points before acting and checks where it points
 * after, so running a step again — after a crash, or when someone changed the package meanwhile — never takes a
 * tag from an image the plan did not name, and never deletes anything but the placeholder it pushed.
 *
 * <p>Removing a tag: ghcr.io has no tag delete (docs/ghcr-platform.md §7), so a placeholder manifest is pushed under
 * the tag, the tag is checked to name the placeholder, and the placeholder's version is deleted through REST. The
 * placeholder is the same for the same job item ({@link RegistryWriter.Placeholder#of}) and recorded before it is
 * pushed, so a resumed job finds it wherever the crash left it.
 */
@Component
record TagOperations(RegistryWriter writer, RegistryClient reader, GitHubClient gitHub, Jobs jobs) {

    /** GitHub may list a version a moment after its push; a few short looks before giving up. */
    private static final int LISTING_ATTEMPTS = 5;
    private static final long LISTING_PAUSE_MILLIS = 400;

    /**
     * Runs one tag item. GitHub's rate-limit, sign-in and scope failures propagate for the runner to wait on; every
     * other failure is an outcome.
     */
    ItemOutcome run(Job job, JobItem item, AccessToken token, boolean retried) throws InterruptedException {
        var repository = new RegistryRepository(job.owner(), job.packageName());
        var credentials = RegistryCredentials.user(job.actor(), token);
        try {
            return switch (item.action()) {
                case ADD_TAG, MOVE_TAG -> job.kind() == JobKind.RESTORE
                        ? retag(job, item, repository, credentials)
                        : putTag(item, repository, credentials);
                case REMOVE_TAG -> removeTag(job, item, repository, credentials, token, retried);
                default -> throw new IllegalArgumentException("not a tag action: " + item.action());
            };
        } catch (RegistryAccessDeniedException denied) {
            return new ItemOutcome(ItemState.REFUSED, "the registry refused: " + denied.getMessage());
        } catch (RegistryException failed) {
            return new ItemOutcome(ItemState.FAILED, failed.getMessage());
        } catch (GitHubException failed) {
            return ItemOutcome.ofGitHubFailure(failed);
        }
    }

    /** Puts the tag on the image, taking it from whichever image has it; checks that it names the image afterwards. */
    private ItemOutcome putTag(JobItem item, RegistryRepository repository, RegistryCredentials credentials) {
        Optional<String> before = reader.resolveTag(repository, item.tag(), credentials);
        if (before.isPresent() && before.get().equals(item.digest())) {
            return new ItemOutcome(ItemState.ALREADY_DONE, "tag " + item.tag() + " already names " + Digests.shortForm(item.digest()));
        }
        writer.tag(repository, item.digest(), item.tag(), credentials);
        Optional<String> after = reader.resolveTag(repository, item.tag(), credentials);
        if (after.isEmpty() || !after.get().equals(item.digest())) {
            return new ItemOutcome(ItemState.FAILED, "the registry accepted the push, yet tag " + item.tag() + " resolves to "
                    + after.map(Digests::shortForm).orElse("nothing"));
        }
        return new ItemOutcome(ItemState.TAGGED, before.map(previous -> "moved from " + Digests.shortForm(previous))
                .orElse("added to " + Digests.shortForm(item.digest())));
    }

    /**
     * After a restore: puts a recorded tag back on the restored version, as far as GitHub allows — only when the
     * version is active again and no other image has taken the tag meanwhile.
     */
    private ItemOutcome retag(Job job, JobItem item, RegistryRepository repository, RegistryCredentials credentials) {
        boolean restored = jobs.items(job.id()).stream().anyMatch(other -> other.action() == JobKind.RESTORE
                && other.digest().equals(item.digest()) && (other.state() == ItemState.RESTORED || other.state() == ItemState.ALREADY_DONE));
        if (!restored) {
            // Pushing the manifest of a version that is still deleted would make a new version of it, and the deleted
            // one could then never be restored.
            return new ItemOutcome(ItemState.FAILED, "not put back: the version was not restored");
        }
        Optional<String> now = reader.resolveTag(repository, item.tag(), credentials);
        if (now.isPresent()) {
            return now.get().equals(item.digest())
                    ? new ItemOutcome(ItemState.ALREADY_DONE, "GitHub restored the tag with the version")
                    : new ItemOutcome(ItemState.REFUSED, "not put back: the tag was pushed again since and now names " + Digests.shortForm(now.get()));
        }
        writer.tag(repository, item.digest(), item.tag(), credentials);
        Optional<String> after = reader.resolveTag(repository, item.tag(), credentials);
        return after.isPresent() && after.get().equals(item.digest())
                ? new ItemOutcome(ItemState.TAGGED, "put back after the restore")
                : new ItemOutcome(ItemState.FAILED, "the registry accepted the push, yet the tag resolves to " + after.map(Digests::shortForm).orElse("nothing"));
    }

    private ItemOutcome removeTag(Job job, JobItem item, RegistryRepository repository, RegistryCredentials credentials, AccessToken token,
                              boolean retried) throws InterruptedException {
        RegistryWriter.Placeholder placeholder = RegistryWriter.Placeholder.of(job.id() + "." + item.seq(), item.tag());
        if (item.placeholderDigest() == null) {
            jobs.markPlaceholder(job.id(), item.seq(), placeholder.digest(), null);
        }
        Optional<String> now = reader.resolveTag(repository, item.tag(), credentials);
        if (now.isEmpty()) {
            return retried && item.placeholderDigest() != null
                    ? new ItemOutcome(ItemState.UNTAGGED, "removed (the placeholder's delete before the restart went through)")
                    : new ItemOutcome(ItemState.ALREADY_DONE, "tag " + item.tag() + " no longer exists");
        }
        if (!now.get().equals(placeholder.digest())) {
            if (!now.get().equals(item.digest())) {
                deleteIfActive(job, item, placeholder, token);
                return new ItemOutcome(ItemState.ALREADY_DONE, "tag " + item.tag() + " was moved to " + Digests.shortForm(now.get())
                        + " meanwhile and is left alone");
            }
            writer.pushPlaceholder(repository, item.tag(), placeholder, credentials);
            Optional<String> moved = reader.resolveTag(repository, item.tag(), credentials);
            if (moved.isEmpty() || !moved.get().equals(placeholder.digest())) {
                return new ItemOutcome(ItemState.FAILED, "pushed the placeholder, yet tag " + item.tag() + " resolves to "
                        + moved.map(Digests::shortForm).orElse("nothing") + "; nothing was deleted");
            }
        }
        Optional<PackageVersion> version = findPlaceholder(job, placeholder.digest(), token);
        if (version.isEmpty()) {
            return new ItemOutcome(ItemState.FAILED, "the placeholder " + Digests.shortForm(placeholder.digest()) + " now holds tag " + item.tag()
                    + ", but GitHub does not list its version; the integrity check offers to remove it");
        }
        long placeholderId = version.get().id();
        jobs.markPlaceholder(job.id(), item.seq(), placeholder.digest(), placeholderId);
        try {
            gitHub.deleteVersion(job.ownerRef(), job.packageName(), placeholderId, token);
        } catch (GitHubNotFoundException notFound) {
            if (activeIds(job, token).contains(placeholderId)) {
                return new ItemOutcome(ItemState.FAILED, "GitHub answered 404 to deleting the placeholder version " + placeholderId
                        + ", yet it is still there: your account may lack admin rights on this package. Tag " + item.tag()
                        + " now names the placeholder; the integrity check offers to remove it");
            }
        } catch (GitHubRejectedException refused) {
            return new ItemOutcome(ItemState.REFUSED, "GitHub refused to delete the placeholder version " + placeholderId + " ("
                    + refused.githubMessage() + "); tag " + item.tag() + " now names the placeholder, not the image");
        }
        Optional<String> after = reader.resolveTag(repository, item.tag(), credentials);
        if (after.isPresent()) {
            return new ItemOutcome(ItemState.FAILED, "the placeholder version " + placeholderId + " was deleted, yet tag " + item.tag()
                    + " still resolves to " + Digests.shortForm(after.get()));
        }
        return new ItemOutcome(ItemState.UNTAGGED, "placeholder " + Digests.shortForm(placeholder.digest()) + " (version " + placeholderId
                + ") pushed under " + item.tag() + " and deleted");
    }

    /** A placeholder pushed before someone moved the tag away is deleted all the same: it must not outlive the step. */
    private void deleteIfActive(Job job, JobItem item, RegistryWriter.Placeholder placeholder, AccessToken token) {
        if (item.placeholderDigest() == null) {
            return;
        }
        gitHub.newestVersions(job.ownerRef(), job.packageName(), token).stream()
                .filter(version -> version.digest().equals(placeholder.digest()))
                .findFirst()
                .ifPresent(version -> {
                    jobs.markPlaceholder(job.id(), item.seq(), placeholder.digest(), version.id());
                    gitHub.deleteVersion(job.ownerRef(), job.packageName(), version.id(), token);
                });
    }

    /** The placeholder's version: the newest versions first (one request), the whole listing if need be. */
    private Optional<PackageVersion> findPlaceholder(Job job, String digest, AccessToken token) throws InterruptedException {
        Owner owner = job.ownerRef();
        for (int attempt = 1; attempt <= LISTING_ATTEMPTS; attempt++) {
            Optional<PackageVersion> found = gitHub.newestVersions(owner, job.packageName(), token).stream()
                    .filter(version -> version.digest().equals(digest)).findFirst();
            if (found.isPresent()) {
                return found;
            }
            Thread.sleep(LISTING_PAUSE_MILLIS * attempt);
        }
        return gitHub.versions(owner, job.packageName(), VersionState.ACTIVE, token).stream()
                .filter(version -> version.digest().equals(digest)).findFirst();
    }

    private Set<Long> activeIds(Job job, AccessToken token) {
        List<PackageVersion> active = gitHub.versions(job.ownerRef(), job.packageName(), VersionState.ACTIVE, token);
        return Set.copyOf(active.stream().map(PackageVersion::id).toList());
    }
}
