package dev.ghcrdashboard.visibility;

import dev.ghcrdashboard.github.OwnerType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * GitHub's own package settings page, where a person changes visibility ("Danger Zone → Change
 * visibility"); there is no API for it (docs/ghcr-platform.md §6).
 */
@Component
class SettingsPages {

    private final String webUrl;

    SettingsPages(@Value("${ghcr-dashboard.github.web-url:https://github.com}") String webUrl) {
        this.webUrl = webUrl.endsWith("/") ? webUrl.substring(0, webUrl.length() - 1) : webUrl;
    }

    /** A nested name ({@code tools/cli}) becomes one path segment ({@code tools%2Fcli}), as GitHub expects. */
    URI settingsPage(OwnerType ownerType, String ownerLogin, String packageName) {
        String namespace = ownerType == OwnerType.ORGANIZATION ? "orgs" : "users";
        return URI.create(webUrl + "/" + namespace + "/" + segment(ownerLogin)
                + "/packages/container/" + segment(packageName) + "/settings");
    }

    private static String segment(String value) {
        return UriUtils.encodePathSegment(value, StandardCharsets.UTF_8);
    }
}
