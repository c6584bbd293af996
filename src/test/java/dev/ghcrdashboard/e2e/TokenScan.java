package dev.ghcrdashboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.stream.Stream;

/**
 * Looks for secrets in clear in the bytes of files: logs, an H2 database file, a PostgreSQL data directory
 * (tables, indexes and write-ahead log). A sealed token is AES-GCM ciphertext in Base64 and never matches.
 */
final class TokenScan {

    private TokenScan() {
    }

    /** Asserts that no file under {@code root} (a file or a directory) contains any of {@code secrets}. */
    static int assertNoneIn(Path root, Collection<String> secrets) {
        assertThat(secrets).as("there are secrets to look for").isNotEmpty();
        int scanned = 0;
        try (Stream<Path> files = Files.isDirectory(root) ? Files.walk(root) : Stream.of(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                for (String secret : secrets) {
                    assertThat(indexOf(bytes, secret.getBytes(StandardCharsets.UTF_8))).as(secret.substring(0, 4) + "… in " + file)
                            .isEqualTo(-1);
                    // Java serialization and H2 may hold strings as UTF-16 as well.
                    assertThat(indexOf(bytes, secret.getBytes(StandardCharsets.UTF_16BE))).as(secret.substring(0, 4) + "… (UTF-16) in " + file)
                            .isEqualTo(-1);
                }
                scanned++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return scanned;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
