package dev.ghcrdashboard.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.ghcrdashboard.ServiceRequirement;
import dev.ghcrdashboard.simulator.RegistryTokenIssuer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issues the RS256 JWTs a distribution registry with {@code auth.token} accepts, so the simulator's
 * {@code /token} endpoint can front a real registry. The key and a self-signed certificate (the
 * registry's {@code rootcertbundle}) are made by the {@code openssl} CLI; the JWT header's {@code kid}
 * is the libtrust key id of the certificate's public key, which is how the registry finds the key.
 *
 * @param certificate the PEM certificate to configure as the registry's {@code rootcertbundle}
 */
public record JwtRegistryTokenIssuer(String issuer, String service, Duration lifetime, Clock clock, PrivateKey key,
                                     Path certificate, String keyId) implements RegistryTokenIssuer {

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Generates an RSA key and self-signed certificate in {@code directory} with openssl.
     *
     * @param service the registry's {@code auth.token.service}: the tokens' audience
     * @param lifetime how long tokens are valid; match the token endpoint's {@code expires_in}
     */
    public static JwtRegistryTokenIssuer create(Path directory, String issuer, String service, Duration lifetime) {
        Path keyFile = directory.resolve("token-key.pem");
        Path certFile = directory.resolve("token-cert.pem");
        runOpenssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", keyFile.toString(), "-out", certFile.toString(),
                "-days", "2", "-subj", "/CN=" + issuer);
        try {
            PrivateKey privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pemBody(Files.readString(keyFile))));
            X509Certificate cert;
            try (InputStream in = Files.newInputStream(certFile)) {
                cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            return new JwtRegistryTokenIssuer(issuer, service, lifetime, Clock.systemUTC(), privateKey, certFile, libtrustKeyId(cert.getPublicKey()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the key openssl made", e);
        }
    }

    /** The same issuer telling time by {@code clock}: a clock behind the registry's makes tokens it soon finds expired. */
    public JwtRegistryTokenIssuer withClock(Clock clock) {
        return new JwtRegistryTokenIssuer(issuer, service, lifetime, clock, key, certificate, keyId);
    }

    /** Names the issuer and its key id only: the private key stays out of logs and failure messages. */
    @Override
    public String toString() {
        return "JwtRegistryTokenIssuer[" + issuer + ", kid " + keyId + "]";
    }

    @Override
    public String issue(String subject, String repository, List<String> actions) {
        Instant now = clock.instant();
        Map<String, Object> header = Map.of("alg", "RS256", "typ", "JWT", "kid", keyId);
        List<Map<String, Object>> access = repository == null || repository.isEmpty()
                ? List.of()
                : List.of(Map.of("type", "repository", "name", repository, "actions", actions));
        Map<String, Object> claims = Map.of(
                "iss", issuer,
                "sub", subject,
                "aud", service,
                "exp", now.plus(lifetime).getEpochSecond(),
                "nbf", now.minusSeconds(5).getEpochSecond(),
                "iat", now.getEpochSecond(),
                "jti", UUID.randomUUID().toString(),
                "access", access);
        String signingInput = base64Url(JSON.writeValueAsBytes(header)) + "." + base64Url(JSON.writeValueAsBytes(claims));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    /**
     * docker/libtrust's key id: base32 of the first 240 bits of sha256 over the DER SubjectPublicKeyInfo,
     * unpadded, in 12 groups of 4 joined by ':'.
     */
    static String libtrustKeyId(PublicKey publicKey) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
            String base32 = base32(java.util.Arrays.copyOf(hash, 30));
            StringBuilder id = new StringBuilder();
            for (int i = 0; i < base32.length(); i += 4) {
                if (i > 0) {
                    id.append(':');
                }
                id.append(base32, i, i + 4);
            }
            return id.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 4648 base32 of a length divisible by 5, so there is never padding. */
    static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] pemBody(String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    private static void runOpenssl(String... args) {
        Path openssl = Path.of("/usr/bin/openssl");
        ServiceRequirement.assume(Files.isExecutable(openssl), "openssl (apt-get install openssl)");
        String[] command = new String[args.length + 1];
        command[0] = openssl.toString();
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("openssl " + String.join(" ", args) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
