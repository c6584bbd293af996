package dev.ghcrdashboard.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Builds a scenario's packages: every image pushed in order, each of its manifests a version, as a registry would see it. */
final class ScenarioSeeder {

    private static final String[] GENERATED_PLATFORMS = {"linux/amd64", "linux/arm64", "linux/arm/v7", "linux/386",
        "linux/ppc64le", "linux/s390x"};

    private final State state;
    private final ImageFactory images;
    private final JsonMapper json;

    ScenarioSeeder(State state, JsonMapper json) {
        this.state = state;
        this.images = state.images;
        this.json = json;
    }

    void seed(List<Scenario.PackageSpec> specs) {
        for (Scenario.PackageSpec spec : specs) {
            addPackage(spec);
        }
    }

    private void addPackage(Scenario.PackageSpec spec) {
        if (!state.orgs.containsKey(spec.owner()) && !state.users.containsKey(spec.owner())) {
            throw new IllegalArgumentException("package " + spec.name() + " has unknown owner " + spec.owner());
        }
        if (state.anyPackage(spec.owner(), spec.name()) != null) {
            throw new IllegalArgumentException("package listed twice: " + State.key(spec.owner(), spec.name()));
        }
        Map<String, Model.Role> access = new LinkedHashMap<>();
        spec.access().forEach((login, role) -> {
            if (!state.users.containsKey(login)) {
                throw new IllegalArgumentException("access to " + spec.owner() + "/" + spec.name() + " names unknown user " + login);
            }
            access.put(login, Model.Role.valueOf(role.toUpperCase(Locale.ROOT)));
        });
        Model.Repo repo = spec.repository() == null ? null
                : state.newRepo(spec.repository().fullName(), spec.repository().isPrivate());
        Model.Package pkg = state.createPackage(spec.owner(), spec.name(), spec.visibility(), repo, access, spec.downloads(),
                spec.created());
        int index = 0;
        for (Scenario.ImageSpec image : spec.images()) {
            addImage(pkg, image, index++);
        }
        if (spec.generate() != null) {
            generate(pkg, spec.generate());
        }
        pkg.updatedAt = pkg.versions.stream().map(version -> version.createdAt).max(Comparator.naturalOrder()).orElse(pkg.createdAt);
    }

    private void addImage(Model.Package pkg, Scenario.ImageSpec spec, int index) {
        String seed = pkg.repositoryPath() + "#" + index;
        ImageFactory.Format format = ImageFactory.Format.of(spec.format());
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("org.opencontainers.image.created", spec.created().toString());
        annotations.putAll(spec.annotations());
        Model.Manifest top;
        if (spec.platforms().isEmpty() && spec.sharePlatformsWith() == null && !spec.nested()) {
            top = images.image(format, pkg.repositoryPath(), spec.platform(), spec.created(), annotations, spec.labels(),
                    spec.layers(), spec.layerSize(), seed);
            state.push(pkg, top, spec.tags(), spec.created());
        } else {
            List<ImageFactory.Entry> platforms = new ArrayList<>();
            List<ImageFactory.Entry> attestations = new ArrayList<>();
            if (spec.sharePlatformsWith() != null) {
                shareEntries(pkg, spec.sharePlatformsWith(), spec.sharedPlatforms(), platforms, attestations);
            }
            if (!spec.platforms().isEmpty() || spec.sharePlatformsWith() == null) {
                addPlatforms(pkg, spec, format, seed, platforms, attestations);
            }
            List<ImageFactory.Entry> entries = new ArrayList<>(platforms);
            entries.addAll(attestations);
            if (spec.nested()) {
                Model.Manifest inner = images.index(format, entries, Map.of());
                state.push(pkg, inner, List.of(), spec.created());
                entries = List.of(images.indexEntry(inner));
            }
            top = images.index(format, entries, annotations);
            state.push(pkg, top, spec.tags(), spec.created());
        }
        addSignatures(pkg, top, spec, spec.created().plusSeconds(60));
    }

    private void addPlatforms(Model.Package pkg, Scenario.ImageSpec spec, ImageFactory.Format format, String seed,
            List<ImageFactory.Entry> platforms, List<ImageFactory.Entry> attestations) {
        Instant created = spec.created();
        for (String platform : spec.platforms().isEmpty() ? List.of(spec.platform()) : spec.platforms()) {
            Model.Manifest manifest = images.image(format, pkg.repositoryPath(), platform, created, Map.of(), spec.labels(),
                    spec.layers(), spec.layerSize(), seed + "#" + platform);
            state.push(pkg, manifest, List.of(), created);
            platforms.add(images.platformEntry(manifest, platform));
            if (spec.attestations()) {
                ImageFactory.Entry attestation = images.attestation(pkg.repositoryPath(), manifest, created);
                state.push(pkg, attestation.manifest(), List.of(), created);
                attestations.add(attestation);
            }
        }
    }

    /**
     * The descriptors of the index tagged {@code tag} (its bytes are the source of truth), limited to the given
     * platforms and the attestations that refer to them when {@code only} names some.
     */
    private void shareEntries(Model.Package pkg, String tag, List<String> only, List<ImageFactory.Entry> platforms,
            List<ImageFactory.Entry> attestations) {
        Model.Version other = pkg.tagged(tag);
        if (other == null || other.manifest.children().isEmpty()) {
            throw new IllegalArgumentException("share-platforms-with: no index tagged " + tag + " in " + pkg.repositoryPath()
                    + " (list it earlier)");
        }
        Set<String> sharedDigests = new HashSet<>();
        List<JsonNode> referringToOthers = new ArrayList<>();
        for (JsonNode descriptor : json.readTree(other.manifest.bytes()).get("manifests")) {
            JsonNode subject = descriptor.path("annotations").path("vnd.docker.reference.digest");
            if (!subject.isMissingNode()) {
                referringToOthers.add(descriptor);
            } else if (only.isEmpty() || only.contains(platform(descriptor.path("platform")))) {
                platforms.add(entry(pkg, descriptor));
                sharedDigests.add(descriptor.get("digest").asString());
            }
        }
        for (JsonNode descriptor : referringToOthers) {
            if (sharedDigests.contains(descriptor.path("annotations").path("vnd.docker.reference.digest").asString())) {
                attestations.add(entry(pkg, descriptor));
            }
        }
        if (platforms.size() < only.size()) {
            throw new IllegalArgumentException("shared-platforms " + only + ": the index tagged " + tag + " in "
                    + pkg.repositoryPath() + " does not list them all");
        }
    }

    private ImageFactory.Entry entry(Model.Package pkg, JsonNode descriptor) {
        Model.Version child = pkg.byDigest.get(descriptor.get("digest").asString());
        @SuppressWarnings("unchecked")
        Map<String, Object> map = json.convertValue(descriptor, LinkedHashMap.class);
        return new ImageFactory.Entry(child.manifest, map);
    }

    private static String platform(JsonNode platform) {
        String name = platform.path("os").asString("") + "/" + platform.path("architecture").asString("");
        return platform.has("variant") ? name + "/" + platform.get("variant").asString() : name;
    }

    private void addSignatures(Model.Package pkg, Model.Manifest subject, Scenario.ImageSpec spec, Instant created) {
        String repository = pkg.repositoryPath();
        if (spec.signature()) {
            state.push(pkg, images.cosignSignature(repository, subject), List.of(Digests.tagFor(subject.digest()) + ".sig"), created);
        }
        if (spec.cosignAttestation()) {
            state.push(pkg, images.cosignAttestation(repository, subject), List.of(Digests.tagFor(subject.digest()) + ".att"), created);
        }
        if (spec.referrer()) {
            ImageFactory.Entry bundle = images.sigstoreReferrer(subject, created);
            state.push(pkg, bundle.manifest(), List.of(), created);
            if (spec.referrersTag()) {
                state.push(pkg, images.index(ImageFactory.Format.OCI, List.of(bundle), Map.of()),
                        List.of(Digests.tagFor(subject.digest())), created);
            }
        }
    }

    private void generate(Model.Package pkg, Scenario.GenerateSpec spec) {
        Instant start = pkg.createdAt;
        List<String> platforms = new ArrayList<>();
        for (int i = 0; i < spec.platforms(); i++) {
            platforms.add(GENERATED_PLATFORMS[i % GENERATED_PLATFORMS.length]);
        }
        for (int i = 0; i < spec.images(); i++) {
            Instant created = start.plusSeconds(600L * (i + 1));
            List<String> tags = new ArrayList<>(List.of("1." + (i / 100) + "." + (i % 100)));
            if (i == spec.images() - 1) {
                tags.add("latest");
            }
            Scenario.ImageSpec image = new Scenario.ImageSpec(tags, created, "oci", "linux/amd64", platforms, spec.attestations(),
                    Map.of(), Map.of(), false, false, false, true, false, null, List.of(), 1, 256);
            addImage(pkg, image, 100_000 + i);
        }
    }
}
