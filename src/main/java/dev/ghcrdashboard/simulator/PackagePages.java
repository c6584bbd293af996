package dev.ghcrdashboard.simulator;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The github.com pages a package's {@code html_url}s point to, so links from a dashboard land somewhere: the package
 * page ({@code /orgs|users/OWNER/packages/container/package/NAME}), a version's page
 * ({@code /orgs|users/OWNER/packages/container/NAME/ID}) and the page of a repository a package is linked to
 * ({@code /OWNER/REPO}). A nested name is one percent-encoded segment ({@code tools%2Fcli}), as in GitHub's URLs.
 * Like the settings page, they have no sign-in: they show what a person allowed to see the package sees.
 */
final class PackagePages {

    /** The package page lists this many of the newest tagged versions, as GitHub's page shows recent tags only. */
    private static final int RECENT_TAGGED = 20;

    private final State state;
    private final String base;
    private final String registryHost;

    PackagePages(State state, String base) {
        this.state = state;
        this.base = base;
        URI uri = URI.create(base);
        this.registryHost = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    /** The package or version page a {@code /orgs|users/…} GET names, or null when the path is something else. */
    Response packageOrVersion(Request request) {
        List<String> s = request.segments;
        if (s.size() != 6 || !request.method.equals("GET") || !s.get(2).equals("packages") || !s.get(3).equals("container")) {
            return null;
        }
        state.lock.lock();
        try {
            return packageOrVersion(s);
        } finally {
            state.lock.unlock();
        }
    }

    private Response packageOrVersion(List<String> s) {
        boolean org = s.get(0).equals("orgs");
        if (s.get(4).equals("package")) {
            Model.Package pkg = owned(org, s.get(1), s.get(5));
            return pkg == null ? notFound() : packagePage(pkg);
        }
        if (s.get(5).chars().allMatch(Character::isDigit) && s.get(5).length() < 19) {
            Model.Package pkg = owned(org, s.get(1), s.get(4));
            Model.Version version = pkg == null ? null : pkg.byId.get(Long.parseLong(s.get(5)));
            return version == null || !version.active() ? notFound() : versionPage(pkg, version);
        }
        return null;
    }

    /** The page of a repository some package of the scenario is linked to; null for any other {@code /OWNER/REPO}. */
    Response repository(Request request, String owner, String name) {
        if (!request.method.equals("GET")) {
            return null;
        }
        state.lock.lock();
        try {
            return repository(owner + "/" + name);
        } finally {
            state.lock.unlock();
        }
    }

    private Response repository(String fullName) {
        Model.Repo repo = null;
        List<Model.Package> linked = new ArrayList<>();
        for (Model.Package pkg : state.packages.values()) {
            if (pkg.active() && pkg.repository != null && pkg.repository.fullName().equalsIgnoreCase(fullName)) {
                repo = pkg.repository;
                linked.add(pkg);
            }
        }
        if (repo == null) {
            return null;
        }
        StringBuilder body = new StringBuilder();
        body.append("<h1 id=\"repository\">").append(Html.escape(repo.fullName())).append("</h1>");
        body.append("<p><span class=\"label\" id=\"repository-visibility\">").append(repo.isPrivate() ? "Private" : "Public")
                .append("</span></p>");
        body.append("<h2>Packages</h2><ul id=\"packages\">");
        for (Model.Package pkg : linked) {
            body.append("<li><a href=\"").append(Html.escape(WebUrls.packagePage("", pkg))).append("\">")
                    .append(Html.escape(pkg.name)).append("</a></li>");
        }
        body.append("</ul>");
        return Response.html(200, Html.page(repo.fullName(), body.toString()));
    }

    private Response packagePage(Model.Package pkg) {
        String path = pkg.repositoryPath();
        StringBuilder body = new StringBuilder();
        body.append("<h1 id=\"package\">").append(Html.escape(path)).append("</h1>");
        body.append("<p><span class=\"label\" id=\"visibility\">").append(Html.escape(pkg.visibility)).append("</span> · ")
                .append(pkg.activeVersionCount()).append(" versions · ").append(pkg.downloads).append(" downloads</p>");
        if (pkg.repository != null) {
            body.append("<p>Repository: <a id=\"repository-link\" href=\"").append(Html.escape(WebUrls.repositoryPage("", pkg.repository)))
                    .append("\">").append(Html.escape(pkg.repository.fullName())).append("</a></p>");
        }
        Model.Version latest = pkg.tagged("latest");
        String pull = registryHost + "/" + path + (latest != null ? ":latest" : "");
        body.append("<h2>Install from the command line</h2><pre><code id=\"pull\">docker pull ").append(Html.escape(pull))
                .append("</code></pre>");
        body.append("<h2>Recent tagged image versions</h2><ul id=\"versions\">");
        int shown = 0;
        for (Model.Version version : pkg.listing(false)) {
            if (version.tags.isEmpty()) {
                continue;
            }
            body.append("<li><a href=\"").append(Html.escape(WebUrls.versionPage("", pkg, version.id))).append("\">")
                    .append(Html.escape(String.join(", ", version.tags))).append("</a> <code>")
                    .append(Html.escape(version.digest())).append("</code> published ").append(version.createdAt).append("</li>");
            if (++shown == RECENT_TAGGED) {
                break;
            }
        }
        body.append("</ul><p><a id=\"settings-link\" href=\"").append(Html.escape(WebUrls.settingsPage("", pkg)))
                .append("\">Package settings</a></p>");
        return Response.html(200, Html.page("Package " + path, body.toString()));
    }

    private Response versionPage(Model.Package pkg, Model.Version version) {
        String path = pkg.repositoryPath();
        StringBuilder body = new StringBuilder();
        body.append("<p><a id=\"package-link\" href=\"").append(Html.escape(WebUrls.packagePage("", pkg))).append("\">")
                .append(Html.escape(path)).append("</a></p>");
        body.append("<h1 id=\"digest\">").append(Html.escape(version.digest())).append("</h1><dl>");
        for (Map.Entry<String, String> fact : List.of(
                Map.entry("Tags", version.tags.isEmpty() ? "(untagged)" : String.join(", ", version.tags)),
                Map.entry("Media type", version.manifest.mediaType()),
                Map.entry("Published", version.createdAt.toString()),
                Map.entry("Size of the manifest", version.manifest.size() + " bytes"))) {
            body.append("<dt>").append(Html.escape(fact.getKey())).append("</dt><dd>").append(Html.escape(fact.getValue())).append("</dd>");
        }
        body.append("</dl><pre><code id=\"pull\">docker pull ").append(Html.escape(registryHost + "/" + path + "@" + version.digest()))
                .append("</code></pre>");
        return Response.html(200, Html.page(path + " " + version.digest(), body.toString()));
    }

    private Model.Package owned(boolean org, String owner, String name) {
        Model.Package pkg = state.activePackage(owner, name);
        return pkg != null && pkg.ownedByOrg == org ? pkg : null;
    }

    private static Response notFound() {
        return Response.html(404, Html.page("Not Found", "<h1>404: package not found</h1>"));
    }
}
