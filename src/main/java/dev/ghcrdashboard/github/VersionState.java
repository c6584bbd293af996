package dev.ghcrdashboard.github;

import java.util.Locale;

/** Which versions to list: the live ones, or those deleted within GitHub's 30-day restore window. */
public enum VersionState {
    ACTIVE,
    DELETED;

    String apiValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
