package dev.ghcrdashboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class ScenarioTest {

    @Test
    void generatedFormBuildsTenThousandVersions() {
        Scenario scenario = yaml("""
                users: [{login: bench, id: 9, tokens: [{token: t, scopes: [read:packages]}]}]
                packages:
                  - owner: bench
                    name: big
                    generate: {images: 2000, platforms: 2, attestations: true}
                """);
        try (Simulator simulator = Simulator.start(scenario, SimulatorOptions.defaults())) {
            List<SimulatedVersion> versions = simulator.control().versions("bench", "big", false);
            assertThat(versions).hasSize(10_000);
            assertThat(versions.stream().filter(version -> !version.tags().isEmpty())).hasSize(2000);
            String latest = simulator.control().resolveTag("bench", "big", "latest").orElseThrow();
            assertThat(simulator.control().isComplete("bench", "big", latest)).isTrue();
        }
    }

    @Test
    void digestsAreTheSameEveryTimeAScenarioIsLoaded() {
        try (Simulator first = Simulator.start(Scenario.demo(), SimulatorOptions.defaults());
                Simulator second = Simulator.start(Scenario.demo(), SimulatorOptions.defaults())) {
            assertThat(first.control().versions("acme", "web", false)).extracting(SimulatedVersion::digest)
                    .containsExactlyElementsOf(second.control().versions("acme", "web", false).stream()
                            .map(SimulatedVersion::digest).toList());
        }
    }

    @Test
    void demoHoldsEveryKindOfImage() {
        try (Simulator simulator = Simulator.start(Scenario.demo(), SimulatorOptions.defaults())) {
            SimulatorControl control = simulator.control();
            List<SimulatedVersion> web = control.versions("acme", "web", false);
            assertThat(web).extracting(SimulatedVersion::mediaType).contains(ImageFactory.Format.OCI.index(), ImageFactory.Format.OCI.manifest());
            assertThat(web).flatExtracting(SimulatedVersion::tags).anyMatch(tag -> tag.endsWith(".sig"))
                    .anyMatch(tag -> tag.endsWith(".att")).anyMatch(tag -> tag.matches("sha256-[0-9a-f]{64}"));
            assertThat(web.stream().filter(version -> version.tags().isEmpty())).hasSizeGreaterThan(4);
            assertThat(control.versions("acme", "base", false)).hasSize(120);
            assertThat(control.versions("acme", "single", false)).hasSize(1);
            assertThat(control.visibility("acme", "leaky")).isEqualTo("public");
            assertThat(control.resolveTag("acme", "tools/cli", "v2")).isPresent();
        }
    }

    @Test
    void dockerManifestsAndManifestListsAreServedWithTheirOwnMediaTypes() {
        try (Simulator simulator = Simulator.start(Scenario.load("classpath:scenarios/image-kinds.yml"), SimulatorOptions.defaults())) {
            List<SimulatedVersion> legacy = simulator.control().versions("acme", "legacy", false);
            assertThat(legacy).extracting(SimulatedVersion::mediaType).containsOnly(ImageFactory.Format.DOCKER.manifest(), ImageFactory.Format.DOCKER.index());
            SimHttp http = new SimHttp(simulator.baseUrl());
            String token = http.pullToken("acme/legacy", null, null);
            JsonNode list = SimHttp.json(http.raw("GET", "/v2/acme/legacy/manifests/v2", null, "Authorization", "Bearer " + token,
                    "Accept", ImageFactory.Format.DOCKER.index()));
            assertThat(list.get("mediaType").asString()).isEqualTo(ImageFactory.Format.DOCKER.index());
            assertThat(list.has("annotations")).isFalse();
            assertThat(list.get("manifests")).extracting(entry -> entry.get("mediaType").asString()).containsOnly(ImageFactory.Format.DOCKER.manifest());
            JsonNode manifest = SimHttp.json(http.raw("GET", "/v2/acme/legacy/manifests/v1", null, "Authorization", "Bearer " + token,
                    "Accept", ImageFactory.Format.DOCKER.manifest()));
            assertThat(manifest.get("config").get("mediaType").asString()).isEqualTo(ImageFactory.Format.DOCKER.config());
            assertThat(manifest.get("layers").get(0).get("mediaType").asString()).isEqualTo(ImageFactory.Format.DOCKER.layer());
        }
    }

    @Test
    void aBareReferrerHasItsSubjectButNoTagIndex() {
        try (Simulator simulator = Simulator.start(Scenario.load("classpath:scenarios/image-kinds.yml"), SimulatorOptions.defaults())) {
            List<SimulatedVersion> versions = simulator.control().versions("acme", "signed", false);
            String image = simulator.control().resolveTag("acme", "signed", "v1").orElseThrow();
            assertThat(versions).hasSize(2);
            assertThat(versions).flatExtracting(SimulatedVersion::tags).containsExactly("v1");
            SimulatedVersion referrer = versions.stream().filter(version -> !version.digest().equals(image)).findFirst().orElseThrow();
            SimHttp http = new SimHttp(simulator.baseUrl());
            String token = http.pullToken("acme/signed", "octocat", "ghp_kinds_octocat");
            JsonNode bundle = SimHttp.json(http.raw("GET", "/v2/acme/signed/manifests/" + referrer.digest(), null,
                    "Authorization", "Bearer " + token, "Accept", ImageFactory.Format.OCI.manifest()));
            assertThat(bundle.get("subject").get("digest").asString()).isEqualTo(image);
            assertThat(simulator.control().resolveTag("acme", "signed", Digests.tagFor(image))).isEmpty();
        }
    }

    @Test
    void anIndexCanShareSomePlatformsOfAnotherAndAddItsOwn() {
        try (Simulator simulator = Simulator.start(Scenario.load("classpath:scenarios/image-kinds.yml"), SimulatorOptions.defaults())) {
            SimHttp http = new SimHttp(simulator.baseUrl());
            String token = http.pullToken("acme/shared", "octocat", "ghp_kinds_octocat");
            JsonNode v1 = SimHttp.json(http.raw("GET", "/v2/acme/shared/manifests/v1", null, "Authorization", "Bearer " + token,
                    "Accept", ImageFactory.Format.OCI.index())).get("manifests");
            JsonNode rc = SimHttp.json(http.raw("GET", "/v2/acme/shared/manifests/rc", null, "Authorization", "Bearer " + token,
                    "Accept", ImageFactory.Format.OCI.index())).get("manifests");
            // v1: amd64, arm64 and their two attestations; rc: v1's amd64 and its attestation, its own riscv64 and attestation.
            assertThat(v1).hasSize(4);
            assertThat(rc).hasSize(4);
            List<String> shared = digests(v1).stream().filter(digests(rc)::contains).toList();
            assertThat(shared).containsExactly(v1.get(0).get("digest").asString(), v1.get(2).get("digest").asString());
            assertThat(v1.get(2).get("annotations").get("vnd.docker.reference.digest").asString()).isEqualTo(shared.get(0));
            assertThat(rc).extracting(entry -> entry.get("platform").get("architecture").asString())
                    .containsExactly("amd64", "riscv64", "unknown", "unknown");
            // 5 of v1 + rc's own riscv64 manifest, its attestation and the rc index.
            assertThat(simulator.control().versions("acme", "shared", false)).hasSize(8);
        }
    }

    @Test
    void aTagMovedToALaterImageLeavesTheFirstUpdatedWhenItLostIt() {
        try (Simulator simulator = Simulator.start(Scenario.load("classpath:scenarios/image-kinds.yml"), SimulatorOptions.defaults())) {
            List<SimulatedVersion> versions = simulator.control().versions("acme", "moved", false);
            assertThat(versions).extracting(SimulatedVersion::tags).containsExactly(List.of("v2", "latest"), List.of("v1"));
            SimulatedVersion first = versions.get(1);
            assertThat(first.createdAt()).isEqualTo(Instant.parse("2026-04-02T00:00:00Z"));
            assertThat(first.updatedAt()).isEqualTo(Instant.parse("2026-04-09T00:00:00Z"));
            assertThat(versions.get(0).updatedAt()).isEqualTo(versions.get(0).createdAt());
        }
    }

    @Test
    void mistakesInAScenarioAreNamed() {
        assertThatThrownBy(() -> Simulator.start(yaml("packages: [{owner: ghost, name: x}]"), SimulatorOptions.defaults()))
                .hasMessageContaining("unknown owner ghost");
        assertThatThrownBy(() -> yaml("packages: [{owner: a, name: x, visibility: secret}]")).hasMessageContaining("visibility");
        assertThatThrownBy(() -> Simulator.start(yaml("""
                users: [{login: a}]
                packages: [{owner: a, name: x, images: [{tags: [b], share-platforms-with: nope}]}]
                """), SimulatorOptions.defaults())).hasMessageContaining("share-platforms-with");
        assertThatThrownBy(() -> yaml("packages: [{owner: a, name: x, images: [{format: helm}]}]")).hasMessageContaining("format");
        assertThatThrownBy(() -> yaml("packages: [{owner: a, name: x, access: {b: owner}}]")).hasMessageContaining("access");
        assertThatThrownBy(() -> Simulator.start(yaml("""
                users: [{login: a}]
                packages:
                  - owner: a
                    name: x
                    images:
                      - {tags: [one], platforms: [linux/amd64]}
                      - {tags: [two], share-platforms-with: one, shared-platforms: [linux/arm64]}
                """), SimulatorOptions.defaults())).hasMessageContaining("shared-platforms");
    }

    private static List<String> digests(JsonNode descriptors) {
        List<String> digests = new java.util.ArrayList<>();
        descriptors.forEach(descriptor -> digests.add(descriptor.get("digest").asString()));
        return digests;
    }

    private static Scenario yaml(String text) {
        return Scenario.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }
}
