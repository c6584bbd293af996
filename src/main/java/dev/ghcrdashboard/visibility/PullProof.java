package dev.ghcrdashboard.visibility;

import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of one anonymous pull attempt.
 *
 * @param pullable whether an anonymous client could read the package
 * @param detail a short human sentence (never credentials), e.g. the registry's refusal
 */
public record PullProof(boolean pullable, String detail, Instant checkedAt) {

    public PullProof {
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(checkedAt, "checkedAt");
    }
}
