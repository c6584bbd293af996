package dev.ghcrdashboard.github;

import java.util.Locale;

/** Package visibility as GitHub reports it ({@code public}, {@code private}, {@code internal}). */
public enum Visibility {
    PUBLIC,
    PRIVATE,
    INTERNAL;

    public static Visibility fromApi(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public String apiValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
