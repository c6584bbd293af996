package dev.ghcrdashboard.visibility;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.github.OwnerType;
import org.junit.jupiter.api.Test;

class SettingsPagesTest {

    private final SettingsPages github = new SettingsPages("https://github.com");

    @Test
    void organizationPackageGoesToTheOrgSettingsPage() {
        assertThat(github.settingsPage(OwnerType.ORGANIZATION, "acme", "app"))
                .hasToString("https://github.com/orgs/acme/packages/container/app/settings");
    }

    @Test
    void userPackageGoesToTheUserSettingsPage() {
        assertThat(github.settingsPage(OwnerType.USER, "octocat", "app"))
                .hasToString("https://github.com/users/octocat/packages/container/app/settings");
    }

    @Test
    void nestedNameIsOnePercentEncodedSegment() {
        assertThat(github.settingsPage(OwnerType.ORGANIZATION, "acme", "tools/cli"))
                .hasToString("https://github.com/orgs/acme/packages/container/tools%2Fcli/settings");
    }

    @Test
    void enterpriseServerUsesTheConfiguredWebUrl() {
        var ghes = new SettingsPages("https://git.example.internal/");
        assertThat(ghes.settingsPage(OwnerType.USER, "jane", "team/base image"))
                .hasToString("https://git.example.internal/users/jane/packages/container/team%2Fbase%20image/settings");
    }
}
