package dev.ghcrdashboard.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/** The two things done with credentials, kept off the public {@link RegistryCredentials} type. */
final class CredentialUse {

    private CredentialUse() {
    }

    /**
     * Distinguishes cached registry tokens. For a user it includes a hash of the token, so a new GitHub
     * token (other scopes, SSO authorization) never reuses a registry token issued for an old one.
     */
    static String identity(RegistryCredentials credentials) {
        if (credentials instanceof RegistryCredentials.User user) {
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(user.token().value().getBytes(StandardCharsets.UTF_8));
                return "user:" + user.login() + ":" + HexFormat.of().formatHex(hash, 0, 16);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JRE", e);
            }
        }
        return "anonymous";
    }

    /** The {@code Authorization} value for the token endpoint, or {@code null} to ask anonymously. */
    static String basicAuthorization(RegistryCredentials credentials) {
        if (credentials instanceof RegistryCredentials.User user) {
            String pair = user.login() + ":" + user.token().value();
            return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        }
        return null;
    }
}
