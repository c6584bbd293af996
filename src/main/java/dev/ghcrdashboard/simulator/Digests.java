package dev.ghcrdashboard.simulator;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

final class Digests {

    private Digests() {
    }

    static String sha256(byte[] bytes) {
        return "sha256:" + HexFormat.of().formatHex(hash(bytes));
    }

    static byte[] hash(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The tag cosign and the OCI referrers tag schema derive from a digest: {@code sha256-<hex>}. */
    static String tagFor(String digest) {
        return digest.replace(':', '-');
    }
}
