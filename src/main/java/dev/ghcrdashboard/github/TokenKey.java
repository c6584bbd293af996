package dev.ghcrdashboard.github;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Identity of a token for in-memory maps: a SHA-256 of its value, so a heap dump or a debug print
 * of a cache key never reveals the token itself.
 */
record TokenKey(String sha256) {

    static TokenKey of(AccessToken token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return new TokenKey(HexFormat.of().formatHex(digest.digest(token.value().getBytes(StandardCharsets.UTF_8))));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
