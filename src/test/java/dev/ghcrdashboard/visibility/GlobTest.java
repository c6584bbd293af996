package dev.ghcrdashboard.visibility;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlobTest {

    @Test
    void singleStarStaysWithinOneSegment() {
        assertThat(Glob.matches("tools/*", "tools/cli")).isTrue();
        assertThat(Glob.matches("tools/*", "tools/cli/arm")).isFalse();
        assertThat(Glob.matches("*-public", "site-public")).isTrue();
        assertThat(Glob.matches("*-public", "site-private")).isFalse();
    }

    @Test
    void doubleStarCrossesSegmentsAndRegexCharactersAreLiteral() {
        assertThat(Glob.matches("tools/**", "tools/cli/arm")).isTrue();
        assertThat(Glob.matches("app.v?", "app.v2")).isTrue();
        assertThat(Glob.matches("app.v?", "appxv2")).isFalse();
        assertThat(Glob.matches("(a|b)", "a")).isFalse();
    }
}
