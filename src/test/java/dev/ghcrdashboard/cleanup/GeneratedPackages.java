package dev.ghcrdashboard.cleanup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a simulator scenario of random container packages: single- and multi-arch images, buildx
 * attestations, cosign signatures and attestations, OCI 1.1 referrers, nested indexes, indexes sharing
 * platform manifests, tagged and untagged, spread over the last 60 days.
 */
final class GeneratedPackages {

    private GeneratedPackages() {
    }

    static Path write(long seed, int packages) {
        Random random = new Random(seed);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        StringBuilder yaml = new StringBuilder("""
                oauth: {client-id: demo-client, client-secret: demo-secret}
                users:
                  - login: octocat
                    id: 1
                    tokens:
                      - token: ghp_demo_octocat_all
                        scopes: [read:packages, write:packages, delete:packages, read:org]
                orgs:
                  - login: acme
                    id: 1000
                    members: {octocat: admin}
                packages:
                """);
        for (int p = 0; p < packages; p++) {
            yaml.append("  - owner: acme\n    name: gen-").append(p).append("\n    visibility: private\n")
                    .append("    created: ").append(now.minus(Duration.ofDays(90))).append("\n    images:\n");
            int images = 2 + random.nextInt(7);
            List<String> multiArchTags = new ArrayList<>();
            List<Instant> times = new ArrayList<>();
            for (int i = 0; i < images; i++) {
                times.add(now.minus(Duration.ofHours(1 + random.nextInt(60 * 24))));
            }
            times.sort(null);
            for (int i = 0; i < images; i++) {
                List<String> tags = new ArrayList<>();
                int tagging = random.nextInt(10);
                if (tagging >= 3) {
                    tags.add("v" + i);
                }
                if (tagging >= 8) {
                    tags.add("pr-" + i);
                }
                if (i == images - 1 && !tags.isEmpty()) {
                    tags.add("latest");
                }
                yaml.append("      - tags: [").append(String.join(", ", tags)).append("]\n")
                        .append("        created: ").append(times.get(i)).append('\n');
                boolean share = !multiArchTags.isEmpty() && random.nextInt(6) == 0;
                boolean multiArch = !share && random.nextBoolean();
                if (share) {
                    yaml.append("        share-platforms-with: ").append(multiArchTags.get(random.nextInt(multiArchTags.size()))).append('\n');
                } else if (multiArch) {
                    yaml.append("        platforms: [linux/amd64, linux/arm64").append(random.nextBoolean() ? ", linux/arm/v7" : "").append("]\n");
                    yaml.append("        attestations: ").append(random.nextBoolean()).append('\n');
                    if (random.nextInt(5) == 0) {
                        yaml.append("        nested: true\n");
                    } else if (!tags.isEmpty()) {
                        multiArchTags.add(tags.get(0));
                    }
                }
                yaml.append("        signature: ").append(random.nextInt(4) == 0).append('\n')
                        .append("        attestation: ").append(random.nextInt(6) == 0).append('\n')
                        .append("        referrer: ").append(random.nextInt(5) == 0).append('\n');
            }
        }
        try {
            Path file = Files.createTempFile("generated-packages-" + seed + "-", ".yml");
            Files.writeString(file, yaml);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
