package dev.ghcrdashboard.secrets;

import dev.ghcrdashboard.github.AccessToken;
import dev.ghcrdashboard.operations.ConfigurationProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts GitHub tokens wherever they are kept at rest (AES-256-GCM): in the sessions table, and in
 * background jobs while they run. The key comes from {@code ghcr-dashboard.secret-key} (any text of at
 * least 16 characters; hashed to 256 bits) or, when that is empty, from {@code ${ghcr-dashboard.data-dir}/secret.key},
 * generated once and readable by the owner only (allowed only with the embedded H2 database: instances
 * sharing a database must share a configured key, {@code SettingsCheck}). A token sealed under another key
 * does not open: its session then signs in again, its job waits for its person to sign in again.
 */
@Component
public class TokenVault {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    TokenVault(@Value("${ghcr-dashboard.secret-key:}") String secretKey, @Value("${ghcr-dashboard.data-dir}") Path dataDir) {
        this.key = new SecretKeySpec(secretKey.isBlank() ? keyFile(dataDir.resolve("secret.key")) : sha256(secretKey), "AES");
    }

    /** The token encrypted with a fresh nonce, as Base64 text; sealing the same token twice gives different texts. */
    public String seal(AccessToken token) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(token.value().getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JRE", e);
        }
    }

    /** The token, or empty when it was sealed under another key or is damaged. */
    public Optional<AccessToken> open(String sealed) {
        if (sealed == null) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed);
            if (bytes.length <= NONCE_BYTES) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            byte[] plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return Optional.of(new AccessToken(new String(plain, StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    private byte[] keyFile(Path file) {
        try {
            if (Files.exists(file)) {
                refuseIfOthersCanRead(file);
                return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] fresh = new byte[32];
            random.nextBytes(fresh);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            } catch (FileAlreadyExistsException anotherInstanceWon) {
                return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
            }
            Files.writeString(file, Base64.getEncoder().encodeToString(fresh), StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the secret key file " + file, e);
        }
    }

    /**
     * A key file anyone else on the machine can read decrypts the tokens of running jobs; refusing to start
     * is better than going on with it (a restored backup or a copy with default permissions does this).
     */
    private static void refuseIfOthersCanRead(Path file) throws IOException {
        try {
            var permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(java.nio.file.attribute.PosixFilePermission.GROUP_READ)
                    || permissions.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ)) {
                throw new ConfigurationProblem("The secret key file " + file.toAbsolutePath() + " can be read by other users ("
                        + PosixFilePermissions.toString(permissions) + "); run chmod 600 on it, or set GHCR_DASHBOARD_SECRET_KEY instead.",
                        "Run chmod 600 " + file.toAbsolutePath() + ", or set GHCR_DASHBOARD_SECRET_KEY.");
            }
        } catch (UnsupportedOperationException notPosix) {
            // No POSIX permissions to check (e.g. Windows); the file's ACLs are the operator's to keep.
        }
    }
}
