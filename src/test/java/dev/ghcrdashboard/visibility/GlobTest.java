package dev.ghcrdashboard.visibility;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource(delimiter = ' ', value = {
            // A single star stays within one segment.
            "tools/* tools/cli true",
            "tools/* tools/cli/arm false",
            "*-public site-public true",
            "*-public site-private false",
            // A double star crosses segments; regular-expression characters are literal.
            "tools/** tools/cli/arm true",
            "app.v? app.v2 true",
            "app.v? appxv2 false",
            "(a|b) a false"})
    void matchesAsAPersonReadsTheGlob(String glob, String name, boolean matches) {
        assertThat(Glob.matches(glob, name)).isEqualTo(matches);
    }
}
