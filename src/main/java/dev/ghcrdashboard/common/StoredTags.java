package dev.ghcrdashboard.common;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * A version's tags in one database column, as a JSON array. Tags are stored as GitHub returned them, and
 * GitHub has been seen returning values the OCI tag grammar forbids (a comma among them), so no separator
 * character is safe; a JSON array keeps each tag one value. Columns written before this format hold the
 * tags comma-joined, and still read back as they were written.
 */
public final class StoredTags {

    private static final JsonMapper JSON = JsonMapper.shared();

    private StoredTags() {
    }

    /** The column value: a JSON array of strings ({@code []} for none). */
    public static String encode(List<String> tags) {
        return JSON.writeValueAsString(tags == null ? List.of() : tags);
    }

    public static List<String> decode(String column) {
        if (column == null || column.isEmpty()) {
            return List.of();
        }
        if (column.startsWith("[")) {
            List<String> tags = new ArrayList<>();
            JSON.readTree(column).forEach(tag -> tags.add(tag.asString()));
            return List.copyOf(tags);
        }
        return List.of(column.split(","));
    }
}
