package dev.ghcrdashboard.cleanup;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Never removes a semantic-version release: a tag {@code MAJOR.MINOR.PATCH}, with or without a leading {@code v}
 * ({@code 1.4.0}, {@code v2.10.3}; not a pre-release such as {@code 1.4.0-rc.1}, see semver.org §2 and §9). It narrows
 * what the other rules of its group select and selects nothing itself: an image the group would delete whole stays
 * when it carries a release tag, and a tag rule never names a release tag.
 */
record KeepReleases() implements Criterion {

    /** SemVer 2.0.0's version core (numbers without leading zeros); OCI tags cannot carry {@code +build} metadata. */
    private static final Pattern RELEASE = Pattern.compile("v?(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)");

    static boolean isRelease(String tag) {
        return RELEASE.matcher(tag).matches();
    }

    static List<String> releasesAmong(List<String> tags) {
        return tags.stream().filter(KeepReleases::isRelease).toList();
    }

    @Override
    public String describe() {
        return "keep semantic-version releases (1.2.3, v1.2.3)";
    }
}
