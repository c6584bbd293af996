package dev.ghcrdashboard.packages;

import dev.ghcrdashboard.common.NotFoundException;
import dev.ghcrdashboard.common.Paths;
import dev.ghcrdashboard.common.Sizes;
import dev.ghcrdashboard.github.ContainerPackage;
import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.registry.ImageConfig;
import dev.ghcrdashboard.registry.ManifestDocument;
import dev.ghcrdashboard.registry.RegistryClient;
import dev.ghcrdashboard.registry.RegistryCredentials;
import dev.ghcrdashboard.registry.RegistryException;
import dev.ghcrdashboard.registry.RegistryProperties;
import dev.ghcrdashboard.registry.RegistryRepository;
import dev.ghcrdashboard.security.SignedInUser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Service;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything the page of one version shows: its place in the package's graph and its manifest and image
 * configuration as the registry serves them (read through the digest-keyed cache, so each costs at most
 * one download ever).
 */
@Service
class VersionDetails {

    /** A version page waits this long for the package's analysis before saying it is still being read. */
    private static final Duration ANALYSIS_WAIT = Duration.ofSeconds(20);

    private final PackageAnalyzer analyzer;
    private final RegistryClient registry;
    private final Paths paths;
    private final String registryHost;
    private final JsonMapper prettyJson = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    VersionDetails(PackageAnalyzer analyzer, RegistryClient registry, RegistryProperties registryProperties, Paths paths) {
        this.analyzer = analyzer;
        this.registry = registry;
        this.paths = paths;
        this.registryHost = registryProperties.url().getAuthority();
    }

    /**
     * @param manifestProblem why the manifest could not be read, or {@code null}; the page shows the graph facts anyway
     */
    record VersionPage(ContainerPackage containerPackage, VersionRow row, List<VersionRow> belonging, List<VersionRow> partOf,
                       ManifestDocument manifest, String manifestJson, ImageConfig config, String manifestProblem) {
    }

    VersionPage of(SignedInUser user, Owner owner, String packageName, long id) {
        PackageAnalysis analysis = analyzer.analyse(user, owner, packageName, ANALYSIS_WAIT);
        if (analysis == null) {
            throw new NotFoundException("The versions of " + packageName + " are still being read; try again in a moment.");
        }
        VersionNode node = analysis.graph().byId(id)
                .orElseThrow(() -> new NotFoundException("Version " + id + " is not an active version of " + packageName + "."));
        var rows = new PackagePages.RowFactory(registryHost, owner.login(), packageName, paths, analysis.complete());
        List<VersionRow> belonging = analysis.graph().belongingTo(node).stream().map(n -> rows.row(n, 1)).toList();
        List<VersionRow> partOf = analysis.graph().rootsOf(node).stream()
                .filter(root -> !root.digest().equals(node.digest()))
                .map(n -> rows.row(n, 0)).toList();
        var repository = new RegistryRepository(owner.login(), packageName);
        var credentials = RegistryCredentials.user(user.login(), user.token());
        try {
            ManifestDocument manifest = registry.manifest(repository, node.digest(), credentials);
            ImageConfig config = manifest.config() != null && !manifest.isIndex() ? configOrNull(repository, manifest, credentials) : null;
            VersionRow row = rows.row(node, 0);
            if (row.size() == null && !manifest.isIndex()) {
                // Placed from its index or tags, it was never read for the table; read now, its size is known.
                row = row.withSize(Sizes.human(manifest.compressedSize()));
            }
            return new VersionPage(analysis.containerPackage(), row, belonging, partOf, manifest, pretty(manifest.raw()), config, null);
        } catch (RegistryException e) {
            return new VersionPage(analysis.containerPackage(), rows.row(node, 0), belonging, partOf, null, null, null,
                    e.getMessage());
        }
    }

    private ImageConfig configOrNull(RegistryRepository repository, ManifestDocument manifest, RegistryCredentials credentials) {
        try {
            return registry.config(repository, manifest, credentials);
        } catch (RegistryException e) {
            return null; // attestation and signature "configs" are not image configs; the page simply omits the section
        }
    }

    private String pretty(byte[] raw) {
        try {
            return prettyJson.writeValueAsString(prettyJson.readTree(raw));
        } catch (RuntimeException e) {
            return new String(raw, StandardCharsets.UTF_8);
        }
    }
}
