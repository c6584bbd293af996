package dev.ghcrdashboard.common;

import java.util.regex.Pattern;

/** What a container package name may look like, checked before a name from a URL goes anywhere near GitHub. */
public final class PackageNames {

    /** ghcr package names: lowercase alphanumerics with . _ - separators, nested with /. */
    private static final Pattern PACKAGE_NAME = Pattern.compile("[a-z0-9](?:[a-z0-9._-]|/(?=[a-z0-9])){0,254}");

    private PackageNames() {
    }

    /** The name itself when valid; otherwise a {@link BadRequestException} that says what a name looks like. */
    public static String require(String name) {
        if (name == null || !PACKAGE_NAME.matcher(name).matches()) {
            throw new BadRequestException("That is not a valid container package name "
                    + "(lowercase letters, digits, '.', '_', '-', nested with '/').");
        }
        return name;
    }
}
