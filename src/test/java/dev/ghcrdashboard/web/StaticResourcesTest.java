package dev.ghcrdashboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.support.Dashboard;
import dev.ghcrdashboard.support.DashboardHttp;
import dev.ghcrdashboard.support.SimulatorBackedTest;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The static files are served under their own patterns, and pages link htmx at the version the jar bundles. */
@SimulatorBackedTest
class StaticResourcesTest {

    private static final Pattern HTMX = Pattern.compile("src=\"(/webjars/htmx\\.org/[0-9][^/\"]*/dist/htmx\\.min\\.js)\"");

    @Autowired
    Dashboard dashboard;

    @Test
    void stylesScriptsIconAndTheVersionedHtmxAreServed() {
        DashboardHttp http = dashboard.http();
        for (Map.Entry<String, String> file : Map.of("/css/app.css", "text/css", "/js/app.js", "javascript",
                "/favicon.svg", "image/svg+xml").entrySet()) {
            DashboardHttp.Page page = http.get(file.getKey(), Map.of("Accept", "*/*"));
            assertThat(page.status()).as(file.getKey()).isEqualTo(200);
            assertThat(page.header("Content-Type")).as(file.getKey()).contains(file.getValue());
        }

        DashboardHttp.Page legacyIcon = http.get("/favicon.ico", Map.of("Accept", "*/*"));
        assertThat(legacyIcon.status()).as("what browsers ask for when a page names no icon").isEqualTo(200);
        assertThat(legacyIcon.header("Content-Type")).as("redirected to the SVG").contains("image/svg+xml");

        DashboardHttp.Page login = http.get("/login");
        Matcher htmx = HTMX.matcher(login.body());
        assertThat(htmx.find()).as("the layout links htmx by its bundled version").isTrue();
        assertThat(http.get(htmx.group(1), Map.of("Accept", "*/*")).status()).isEqualTo(200);
        assertThat(http.get("/webjars/htmx.org/dist/htmx.min.js", Map.of("Accept", "*/*")).status()).as("and without it").isEqualTo(200);
    }
}
