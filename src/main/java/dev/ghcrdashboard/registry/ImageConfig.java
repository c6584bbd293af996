package dev.ghcrdashboard.registry;

import java.time.Instant;
import java.util.Map;

/**
 * What an image config blob says about the image. Fields are {@code null} when the config does not
 * carry them (attestations and signatures use an empty config).
 */
public record ImageConfig(String digest, Instant created, String os, String architecture, String variant, Map<String, String> labels) {

    public ImageConfig {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** The platform, or {@code null} when the config names none. */
    public Platform platform() {
        return os == null && architecture == null ? null : new Platform(os, architecture, variant);
    }
}
