package dev.ghcrdashboard.cleanup;

import java.time.Instant;
import java.util.Objects;

/** Facts from outside the graph: the time rules are judged at, and whether the package is public. */
record PlanContext(Instant now, boolean packagePublic) {

    public PlanContext {
        Objects.requireNonNull(now, "now");
    }
}
