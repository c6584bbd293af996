package dev.ghcrdashboard.packages;

import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.registry.ImageConfig;
import dev.ghcrdashboard.registry.RegistryClient;
import dev.ghcrdashboard.registry.RegistryCredentials;
import dev.ghcrdashboard.registry.RegistryException;
import dev.ghcrdashboard.registry.RegistryRepository;
import dev.ghcrdashboard.security.SignedInUser;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * The platform of single-arch images. An index names the platform of each manifest it lists, but an image pushed on
 * its own says it only in its config blob, so the version table would show nothing where the version page (which
 * reads the config) says {@code linux/amd64}. Configs are immutable and cached by digest like manifests: each is read
 * from the registry once, ever.
 */
@Service
class ImagePlatforms implements DisposableBean {

    /** A page shows at most a few dozen images; a handful of parallel reads keeps a first view quick. */
    private final ExecutorService readers = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "image-platforms");
        thread.setDaemon(true);
        return thread;
    });
    private final RegistryClient registry;

    ImagePlatforms(RegistryClient registry) {
        this.registry = registry;
    }

    /** By digest, the platform of each single-arch image among {@code rows} that has none from an index. */
    Map<String, String> of(SignedInUser user, Owner owner, String packageName, List<VersionRow> rows) {
        var repository = new RegistryRepository(owner.login(), packageName);
        var credentials = RegistryCredentials.user(user.login(), user.token());
        Map<String, CompletableFuture<String>> reads = rows.stream()
                .map(VersionRow::node)
                .filter(node -> node.kind() == VersionKind.IMAGE && node.platforms().isEmpty())
                .map(VersionNode::digest)
                .distinct()
                .collect(Collectors.toMap(digest -> digest,
                        digest -> CompletableFuture.supplyAsync(() -> platform(repository, digest, credentials), readers)));
        return reads.entrySet().stream()
                .filter(read -> read.getValue().join() != null)
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, read -> read.getValue().join()));
    }

    private String platform(RegistryRepository repository, String digest, RegistryCredentials credentials) {
        try {
            ImageConfig config = registry.config(repository, registry.manifest(repository, digest, credentials), credentials);
            return config.platform() == null ? null : config.platform().toString();
        } catch (RegistryException | IllegalArgumentException e) {
            return null; // not an image config (an artifact), or unreadable: the cell stays empty, as before
        }
    }

    @Override
    public void destroy() {
        readers.shutdownNow();
    }
}
