package dev.ghcrdashboard.audit;

import java.time.LocalDate;

/**
 * Filters for {@link AuditLog#search} and {@link AuditLog#exportCsv}. Every filter is optional
 * ({@code null} or blank = any). Text filters match exactly; dates are whole UTC days and both
 * ends are inclusive. {@code page} starts at 1; the CSV export ignores {@code page} and {@code size}.
 *
 * @throws IllegalArgumentException if page &lt; 1, size is outside 1..{@value #MAX_SIZE}, or from is after to
 */
public record AuditQuery(String owner, String packageName, String actor, AuditAction action, LocalDate from,
                         LocalDate to, int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    public AuditQuery {
        owner = blankToNull(owner);
        packageName = blankToNull(packageName);
        actor = blankToNull(actor);
        if (page < 1) {
            throw new IllegalArgumentException("Page must be 1 or more.");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("Page size must be between 1 and " + MAX_SIZE + ".");
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("The 'from' date must not be after the 'to' date.");
        }
    }

    /** Everything, first page. */
    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, null, 1, DEFAULT_SIZE);
    }

    boolean hasFilters() {
        return owner != null || packageName != null || actor != null || action != null || from != null || to != null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
