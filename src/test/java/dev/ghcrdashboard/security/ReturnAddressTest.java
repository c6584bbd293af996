package dev.ghcrdashboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Return addresses a browser would follow off the site never pass; the dashboard's own paths do. */
class ReturnAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "//evil.example/x", "///evil.example", "/\\evil.example", "\\\\evil.example", "/\t/evil.example/x",
            "/%09/evil.example/x", "/%0A/evil.example", "/%0d/evil.example", "%2F%2Fevil.example", "/%2F/evil.example",
            "/%252F%252Fevil.example", "/%5Cevil.example", "/%5c%5cevil.example", "https://evil.example/", "http:/evil.example",
            "javascript:alert(1)", "JaVaScRiPt:alert(1)", " /owners", "/owners\u0000", "/%00", "/\u200Bowners",
            "/\u202Eowners", "/owners\r\nSet-Cookie:x=1", "/%E2%80%AEowners", "/../../etc/passwd", "/%2e%2e/%2e%2e/",
            "evil.example", "", "/%zz", "/%25252F%25252Fevil"})
    void refusesAnythingThatCouldLeaveTheSite(String candidate) {
        assertThat(ReturnAddress.checked(candidate)).as(candidate).isEmpty();
        assertThat(ReturnAddress.localPath(candidate)).isEqualTo(ReturnAddress.HOME);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/owners/acme/packages", "/owners/acme/packages/tools/cli?show=tagged&page=2",
            "/owners/acme/trash?name=tools%2Fcli", "/owners/acme/cleanup?name=web&tagPattern=v%2A#preview"})
    void keepsTheDashboardsOwnPaths(String candidate) {
        assertThat(ReturnAddress.localPath(candidate)).isEqualTo(candidate);
    }
}
