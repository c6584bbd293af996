package dev.ghcrdashboard.registry;

import java.util.Map;

/** An OCI content descriptor: what a manifest says about a blob or another manifest. */
public record Descriptor(
        String mediaType,
        String digest,
        long size,
        Platform platform,
        String artifactType,
        Map<String, String> annotations) {

    public Descriptor {
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }
}
