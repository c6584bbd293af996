package dev.ghcrdashboard.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the registry client takes for a digest before it puts one in a URL or a query. */
class DigestCheckTest {

    private static final String HEX64 = "0123456789abcdef".repeat(4);

    @Test
    void sha256AndSha512InLowerCaseHex() {
        assertThat(RegistryClient.isDigest("sha256:" + HEX64)).isTrue();
        assertThat(RegistryClient.isDigest("sha512:" + HEX64 + HEX64)).isTrue();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "sha256:", "sha256:0123", "sha512:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "SHA256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef",
            "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg",
            "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n",
            "sha384:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "latest", "../../v2/_catalog"})
    void anythingElseIsNot(String candidate) {
        assertThat(RegistryClient.isDigest(candidate)).isFalse();
    }
}
