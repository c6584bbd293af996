package dev.ghcrdashboard.simulator;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Pages of the simulated github.com that a person uses: the package settings page with its
 * "Danger Zone → Change visibility" (GitHub has no API for it), avatars, and a start page.
 */
record WebPages(State state, String apiUrl) {

    /** Handles {@code /orgs|users/OWNER/packages/container/NAME/settings}; null when the path is something else. */
    Response settings(Request request) {
        List<String> s = request.segments;
        if (s.size() != 6 || !(s.get(0).equals("orgs") || s.get(0).equals("users")) || !s.get(2).equals("packages")
                || !s.get(3).equals("container") || !s.get(5).equals("settings")) {
            return null;
        }
        boolean org = s.get(0).equals("orgs");
        String owner = s.get(1);
        String name = s.get(4);
        state.lock.lock();
        try {
            Model.Package pkg = state.activePackage(owner, name);
            if (pkg == null || pkg.ownedByOrg != org) {
                return Response.html(404, Html.page("Not Found", "<h1>404: package not found</h1>"));
            }
            if (request.method.equals("POST")) {
                var form = request.formBody();
                String visibility = form.getOrDefault("visibility", "");
                if (!Scenario.VISIBILITIES.contains(visibility) || (visibility.equals("internal") && !org)) {
                    return settingsPage(pkg, 400, "Choose a visibility.");
                }
                if (!name.equals(form.get("confirm"))) {
                    return settingsPage(pkg, 400, "Type the package name to confirm the change.");
                }
                pkg.visibility = visibility;
                pkg.updatedAt = state.clock.instant();
                return settingsPage(pkg, 200, "Package visibility changed to " + visibility + ".");
            }
            if (!request.method.equals("GET")) {
                return Response.html(405, Html.page("Method not allowed", "<h1>Method not allowed</h1>"));
            }
            return settingsPage(pkg, 200, null);
        } finally {
            state.lock.unlock();
        }
    }

    private Response settingsPage(Model.Package pkg, int status, String flash) {
        String title = "Package settings · " + pkg.owner + "/" + pkg.name;
        StringBuilder body = new StringBuilder();
        body.append("<h1>").append(Html.escape(pkg.owner + "/" + pkg.name)).append("</h1>");
        body.append("<p>Visibility: <strong id=\"current-visibility\">").append(Html.escape(pkg.visibility)).append("</strong></p>");
        if (flash != null) {
            body.append("<p class=\"box\" id=\"flash\" role=\"status\">").append(Html.escape(flash)).append("</p>");
        }
        body.append("<section class=\"box danger-zone\"><h2>Danger Zone</h2><h3>Change visibility</h3>");
        body.append("<form method=\"post\">");
        for (String visibility : pkg.ownedByOrg ? List.of("public", "private", "internal") : List.of("public", "private")) {
            body.append("<label><input type=\"radio\" name=\"visibility\" value=\"").append(visibility).append("\"")
                    .append(visibility.equals(pkg.visibility) ? " checked" : "").append("> ").append(visibility).append("</label><br>");
        }
        body.append("<p><label for=\"confirm\">Please type <code>").append(Html.escape(pkg.name))
                .append("</code> to confirm:</label><br><input id=\"confirm\" name=\"confirm\" autocomplete=\"off\"></p>");
        body.append("<button type=\"submit\" id=\"change-visibility\" class=\"danger\">I understand the consequences, change package visibility.</button>");
        body.append("</form></section>");
        return Response.html(status, Html.page(title, body.toString()));
    }

    /** A generated SVG avatar, so pages pointing at avatar_url work offline. */
    Response avatar(String id) {
        int hue = Math.floorMod(id.hashCode() * 47, 360);
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\" viewBox=\"0 0 64 64\">"
                + "<rect width=\"64\" height=\"64\" fill=\"hsl(" + hue + ",55%,55%)\"/>"
                + "<circle cx=\"32\" cy=\"26\" r=\"12\" fill=\"#fff\"/><rect x=\"14\" y=\"42\" width=\"36\" height=\"22\" rx=\"11\" fill=\"#fff\"/></svg>";
        return Response.bytes(200, "image/svg+xml", svg.getBytes(StandardCharsets.UTF_8)).setHeader("Cache-Control", "max-age=3600");
    }

    Response home() {
        StringBuilder body = new StringBuilder("<h1>GitHub + ghcr.io simulator</h1>");
        body.append("<p>REST API: <code>").append(Html.escape(apiUrl)).append("</code></p><h2>Packages</h2><ul>");
        state.lock.lock();
        try {
            for (Model.Package pkg : state.packages.values()) {
                body.append("<li><a href=\"").append(Html.escape(WebUrls.packagePage("", pkg))).append("\">")
                        .append(Html.escape(pkg.owner + "/" + pkg.name)).append("</a> (").append(Html.escape(pkg.visibility))
                        .append(pkg.active() ? "" : ", deleted").append(") · <a href=\"").append(Html.escape(WebUrls.settingsPage("", pkg)))
                        .append("\">settings</a></li>");
            }
        } finally {
            state.lock.unlock();
        }
        body.append("</ul>");
        return Response.html(200, Html.page("GitHub simulator", body.toString()));
    }
}
