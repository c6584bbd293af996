package dev.ghcrdashboard.registry;

/** OCI platform of a manifest ({@code linux/arm64/v8}); {@code unknown/unknown} marks buildx attestations. */
public record Platform(String os, String architecture, String variant) {

    public boolean unknown() {
        return "unknown".equals(os) && "unknown".equals(architecture);
    }

    @Override
    public String toString() {
        return variant == null || variant.isBlank() ? os + "/" + architecture : os + "/" + architecture + "/" + variant;
    }
}
