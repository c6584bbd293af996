package dev.ghcrdashboard.github;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Identity of a token for in-memory maps: a SHA-256 of its value, so a heap dump or a debug print
 * of a cache key never reveals the token itself; and its class, read from GitHub's token prefixes, for
 * the rate-budget gauge (a label that says what kind of token, never which).
 */
record TokenKey(String sha256, String tokenClass) {

    static TokenKey of(AccessToken token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return new TokenKey(HexFormat.of().formatHex(digest.digest(token.value().getBytes(StandardCharsets.UTF_8))),
                    classOf(token.value()));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * GitHub's documented token prefixes ("Behind GitHub's new authentication token formats", GitHub blog,
     * 2021): gho_ OAuth App user token, ghp_ classic personal access token, github_pat_ fine-grained token,
     * ghu_/ghs_ GitHub App tokens.
     */
    static String classOf(String token) {
        if (token.startsWith("gho_")) {
            return "oauth_app";
        }
        if (token.startsWith("ghp_")) {
            return "classic_pat";
        }
        if (token.startsWith("github_pat_")) {
            return "fine_grained_pat";
        }
        if (token.startsWith("ghu_") || token.startsWith("ghs_")) {
            return "github_app";
        }
        return "other";
    }

    static final List<String> CLASSES = List.of("oauth_app", "classic_pat", "fine_grained_pat", "github_app", "other");
}
