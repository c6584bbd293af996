package dev.ghcrdashboard.common;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * Links to the dashboard's own pages, built in one place for controllers and templates
 * ({@code ${@paths.pkg(owner, name)}}; Thymeleaf 3.1 forbids building them with static calls). Nested
 * package names keep their slash in path links (each segment is encoded on its own), because an encoded
 * {@code %2F} is rejected by the servlet container; pages about one package otherwise name it in the
 * {@code name} query parameter.
 */
@Component("paths")
public class Paths {

    public String packages(String owner) {
        return ownerPath(owner) + "/packages";
    }

    public String pkg(String owner, String packageName) {
        return packages(owner) + "/" + nested(packageName);
    }

    public String version(String owner, String packageName, long versionId) {
        return ownerPath(owner) + "/versions/" + versionId + "?package=" + query(packageName);
    }

    public String cleanup(String owner, String packageName) {
        return ownerPath(owner) + "/cleanup?name=" + query(packageName);
    }

    public String deletePackage(String owner, String packageName) {
        return ownerPath(owner) + "/delete-package?name=" + query(packageName);
    }

    public String trash(String owner, String packageName) {
        return ownerPath(owner) + "/trash" + (packageName == null ? "" : "?name=" + query(packageName));
    }

    public String integrity(String owner, String packageName) {
        return ownerPath(owner) + "/integrity?name=" + query(packageName);
    }

    /** The preview of a tag change on a version: {@code action} is {@code put} or {@code remove}. */
    public String tagChange(String owner, String packageName, long versionId, String action, String tag) {
        return ownerPath(owner) + "/tags?name=" + query(packageName) + "&version=" + versionId + "&action=" + query(action)
                + "&tag=" + query(tag);
    }

    /** Where a version page's tag forms go (their fields name the package, version, action and tag). */
    public String tags(String owner) {
        return ownerPath(owner) + "/tags";
    }

    public String job(String owner, String jobId) {
        return ownerPath(owner) + "/jobs/" + segment(jobId);
    }

    /** The page that asks GitHub for an extra scope and then comes back to {@code returnTo}. */
    public String permission(String action, String returnTo) {
        return "/permissions/" + segment(action) + "?return=" + query(returnTo);
    }

    public static String query(String value) {
        return UriUtils.encodeQueryParam(value, StandardCharsets.UTF_8);
    }

    private static String ownerPath(String owner) {
        return "/owners/" + segment(owner);
    }

    private static String nested(String name) {
        return Arrays.stream(name.split("/", -1)).map(Paths::segment).collect(Collectors.joining("/"));
    }

    private static String segment(String value) {
        return UriUtils.encodePathSegment(value, StandardCharsets.UTF_8);
    }
}
