package dev.ghcrdashboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

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
            assertThat(web).extracting(SimulatedVersion::mediaType).contains(ImageFactory.OCI_INDEX, ImageFactory.OCI_MANIFEST);
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
    void mistakesInAScenarioAreNamed() {
        assertThatThrownBy(() -> Simulator.start(yaml("packages: [{owner: ghost, name: x}]"), SimulatorOptions.defaults()))
                .hasMessageContaining("unknown owner ghost");
        assertThatThrownBy(() -> yaml("packages: [{owner: a, name: x, visibility: secret}]")).hasMessageContaining("visibility");
        assertThatThrownBy(() -> Simulator.start(yaml("""
                users: [{login: a}]
                packages: [{owner: a, name: x, images: [{tags: [b], share-platforms-with: nope}]}]
                """), SimulatorOptions.defaults())).hasMessageContaining("share-platforms-with");
    }

    private static Scenario yaml(String text) {
        return Scenario.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }
}
