package dev.ghcrdashboard.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.github.AccessToken;
import java.nio.file.Path;
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
    void aConfiguredKeyNeedsNoFile() {
        TokenVault vault = new TokenVault("configured", dataDir.resolve("none"));
        AccessToken token = new AccessToken("ghp_x");
        assertThat(new TokenVault("configured", dataDir.resolve("none")).open(vault.seal(token))).contains(token);
        assertThat(dataDir.resolve("none")).doesNotExist();
    }
}
