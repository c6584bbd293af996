package dev.ghcrdashboard.common;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * Builds links to the dashboard's own pages for templates ({@code ${@paths.pkg(owner, name)}}).
 * Nested package names keep their slash in our URLs (each segment is encoded on its own), because
 * an encoded {@code %2F} is rejected by the servlet container.
 */
@Component("paths")
public class Paths {

    public String packages(String owner) {
        return "/owners/" + segment(owner) + "/packages";
    }

    public String pkg(String owner, String packageName) {
        return packages(owner) + "/" + nested(packageName);
    }

    public String version(String owner, String packageName, long versionId) {
        return "/owners/" + segment(owner) + "/versions/" + versionId + "?package="
                + UriUtils.encodeQueryParam(packageName, StandardCharsets.UTF_8);
    }

    private static String nested(String name) {
        return Arrays.stream(name.split("/", -1)).map(Paths::segment).collect(Collectors.joining("/"));
    }

    private static String segment(String value) {
        return UriUtils.encodePathSegment(value, StandardCharsets.UTF_8);
    }
}
