package dev.ghcrdashboard.visibility;

import java.util.regex.Pattern;

/** Package-name globs: {@code *} stays within one path segment, {@code **} crosses {@code /}, {@code ?} is one character. */
public final class Glob {

    private Glob() {
    }

    public static boolean matches(String glob, String name) {
        return toRegex(glob).matcher(name).matches();
    }

    static Pattern toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        // GitHub package names are lower case; a rule written in another case should still apply.
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }
}
