package dev.ghcrdashboard.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ghcrdashboard.github.AccessToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenVaultTest {

    @TempDir
    Path dataDir;

    @Test
    void aSealedTokenOpensOnlyUnderTheSameKeyAndNeverShowsInTheSealedText() {
        TokenVault vault = new TokenVault("", dataDir);
        AccessToken token = new AccessToken("ghp_secret_value");
        String sealed = vault.seal(token);
        assertThat(sealed).doesNotContain("ghp_secret_value").isNotEqualTo(vault.seal(token));
        assertThat(vault.open(sealed)).contains(token);
        assertThat(new TokenVault("", dataDir).open(sealed)).as("the key file is reused").contains(token);
        assertThat(new TokenVault("another configured key", dataDir).open(sealed)).isEmpty();
        assertThat(vault.open("not base64 at all!")).isEmpty();
        assertThat(vault.open(null)).isEmpty();
    }

    @Test
    void aGeneratedKeyFileIsTheOwnersAloneAndOneOthersCanReadStopsTheStart() throws Exception {
        new TokenVault("", dataDir);
        Path keyFile = dataDir.resolve("secret.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");

        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> new TokenVault("", dataDir)).hasMessageContaining("chmod 600")
                .hasMessageContaining("GHCR_DASHBOARD_SECRET_KEY");
    }

    @Test
    void aConfiguredKeyNeedsNoFile() {
        TokenVault vault = new TokenVault("configured", dataDir.resolve("none"));
        AccessToken token = new AccessToken("ghp_x");
        assertThat(new TokenVault("configured", dataDir.resolve("none")).open(vault.seal(token))).contains(token);
        assertThat(dataDir.resolve("none")).doesNotExist();
    }
}
