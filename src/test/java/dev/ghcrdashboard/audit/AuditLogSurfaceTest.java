package dev.ghcrdashboard.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Append-only is enforced in code, not by the database, so guard the code: other features can
 * reach only what is public, and nothing public may change or remove an entry.
 */
class AuditLogSurfaceTest {

    @Test
    void otherFeaturesCanOnlyAppendReadAndExport() {
        assertThat(Arrays.stream(AuditLog.class.getDeclaredMethods())
                .filter(method -> Modifier.isPublic(method.getModifiers()))
                .map(Method::getName))
                .containsExactlyInAnyOrder("record", "search", "exportCsv");
    }
}
