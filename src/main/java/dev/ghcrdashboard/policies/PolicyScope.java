package dev.ghcrdashboard.policies;

import dev.ghcrdashboard.visibility.Glob;
import java.util.regex.Pattern;

/**
 * Which of an owner's packages a policy covers.
 *
 * @param value the package name ({@link Kind#PACKAGE}), the name pattern ({@link Kind#PATTERN}), or {@code null}
 *              for every package ({@link Kind#OWNER})
 */
record PolicyScope(Kind kind, String value) {

    /** What a package-name glob may contain: package-name characters, {@code *}, {@code **} and {@code ?}. */
    private static final Pattern GLOB = Pattern.compile("[a-z0-9._/*?-]{1,200}");
    private static final Pattern PACKAGE_NAME = Pattern.compile("[a-z0-9](?:[a-z0-9._-]|/(?=[a-z0-9])){0,254}");

    enum Kind {
        PACKAGE, PATTERN, OWNER
    }

    PolicyScope {
        value = kind == Kind.OWNER ? null : value;
    }

    boolean covers(String packageName) {
        return switch (kind) {
            case PACKAGE -> value.equals(packageName);
            case PATTERN -> Glob.matches(value, packageName);
            case OWNER -> true;
        };
    }

    /** "the package web", "packages matching tools/*", "every package". */
    public String describe() {
        return switch (kind) {
            case PACKAGE -> "the package " + value;
            case PATTERN -> "packages matching " + value;
            case OWNER -> "every package";
        };
    }

    static boolean validPackageName(String name) {
        return name != null && PACKAGE_NAME.matcher(name).matches();
    }

    static boolean validPattern(String pattern) {
        return pattern != null && GLOB.matcher(pattern).matches() && !pattern.contains("***");
    }
}
