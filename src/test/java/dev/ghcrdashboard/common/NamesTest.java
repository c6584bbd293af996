package dev.ghcrdashboard.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"latest", "v1.2.3", "_x", "sha256-abc.sig"})
    void tagsDockerCanPullAreValid(String tag) {
        assertThat(Names.isValidTag(tag)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a,b", ".hidden", "-x", "v1;rm -rf /", "$(id)", "<b>", "v1 v2", "é"})
    void anythingElseIsFlagged(String tag) {
        assertThat(Names.isValidTag(tag)).isFalse();
    }

    @Test
    void aTagIsAtMost128Characters() {
        assertThat(Names.isValidTag("a".repeat(128))).isTrue();
        assertThat(Names.isValidTag("a".repeat(129))).isFalse();
    }

    @Test
    void hiddenAndReorderingCharactersAreWrittenOut() {
        assertThat(Names.visible("v1\u202Egnp.exe")).isEqualTo("v1⟨U+202E⟩gnp.exe");
        assertThat(Names.visible("la\u200Btest")).isEqualTo("la⟨U+200B⟩test");
        assertThat(Names.visible("web\uFEFF")).isEqualTo("web⟨U+FEFF⟩");
        assertThat(Names.visible("tools/cli")).isEqualTo("tools/cli");
        assertThat(Names.hasHiddenCharacters("la\u2066test")).isTrue();
        assertThat(Names.hasHiddenCharacters("plain-name")).isFalse();
    }
}
