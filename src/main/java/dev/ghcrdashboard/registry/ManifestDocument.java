package dev.ghcrdashboard.registry;

import java.util.List;
import java.util.Map;

/**
 * A parsed image manifest or image index, with the verified raw bytes it came from.
 *
 * @param digest the verified digest of {@code raw}
 * @param manifests entries of an index; empty for an image manifest
 * @param config the config descriptor of an image manifest; {@code null} for an index
 * @param layers layers of an image manifest; empty for an index
 * @param subject the OCI 1.1 {@code subject} this manifest refers to, or {@code null}
 */
public record ManifestDocument(
        String digest,
        String mediaType,
        String artifactType,
        List<Descriptor> manifests,
        Descriptor config,
        List<Descriptor> layers,
        Descriptor subject,
        Map<String, String> annotations,
        byte[] raw) {

    public ManifestDocument {
        manifests = manifests == null ? List.of() : List.copyOf(manifests);
        layers = layers == null ? List.of() : List.copyOf(layers);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    public boolean isIndex() {
        return MediaTypes.isIndex(mediaType);
    }

    /** Compressed size as a registry stores it: config plus layers. Zero for an index. */
    public long compressedSize() {
        long size = config == null ? 0 : config.size();
        for (Descriptor layer : layers) {
            size += layer.size();
        }
        return size;
    }
}
