package dev.ghcrdashboard.visibility;

import java.time.Instant;
import java.util.List;

/**
 * A drift check found packages that are dangerously out of line (readable by anyone while they should be
 * closed) and that the previous check of the owner had not reported: published once per newly dangerous
 * package, so a report opened every minute does not raise the same alarm every minute.
 *
 * @param packages the newly dangerous packages with why, e.g. "public, but its repository acme/app is private"
 */
public record DangerousDriftFound(String owner, Instant checkedAt, List<Finding> packages) {

    public DangerousDriftFound {
        packages = List.copyOf(packages);
    }

    /** One dangerous package and why. */
    public record Finding(String packageName, String reason) {
    }
}
