package dev.ghcrdashboard.simulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The github.com page addresses the REST answers point to ({@code html_url}), which the simulator also serves.
 * A nested package name is one percent-encoded path segment there ({@code tools%2Fcli}), as on GitHub.
 */
final class WebUrls {

    private WebUrls() {
    }

    static String packagePage(String base, Model.Package pkg) {
        return ownerPrefix(base, pkg) + "/packages/container/package/" + encode(pkg.name);
    }

    static String versionPage(String base, Model.Package pkg, long versionId) {
        return ownerPrefix(base, pkg) + "/packages/container/" + encode(pkg.name) + "/" + versionId;
    }

    static String settingsPage(String base, Model.Package pkg) {
        return ownerPrefix(base, pkg) + "/packages/container/" + encode(pkg.name) + "/settings";
    }

    static String repositoryPage(String base, Model.Repo repo) {
        return base + "/" + repo.fullName();
    }

    /** Percent-encodes one path segment or query value (a nested name's slash becomes {@code %2F}). */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String ownerPrefix(String base, Model.Package pkg) {
        return base + (pkg.ownedByOrg ? "/orgs/" : "/users/") + pkg.owner;
    }
}
