package dev.ghcrdashboard.audit;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Filters for {@link AuditLog#search} and {@link AuditLog#exportCsv}. Every filter is optional
 * ({@code null} or blank = any). Text filters match exactly; dates are whole UTC days and both
 * ends are inclusive. {@code page} starts at 1; the CSV export ignores {@code page} and {@code size}.
 *
 * @param readableOwners the owners whose entries may be shown (logins, any case); {@code null} means every
 *                       owner, which only code that is not serving a person may ask for
 *
 * @throws IllegalArgumentException if page &lt; 1, size is outside 1..{@value #MAX_SIZE}, or from is after to
 */
public record AuditQuery(String owner, String packageName, String actor, AuditAction action, LocalDate from,
                         LocalDate to, int page, int size, Set<String> readableOwners) {

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
        readableOwners = readableOwners == null ? null
                : readableOwners.stream().map(login -> login.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** Every owner's entries; for code that is not serving a person. */
    public AuditQuery(String owner, String packageName, String actor, AuditAction action, LocalDate from, LocalDate to,
                      int page, int size) {
        this(owner, packageName, actor, action, from, to, page, size, null);
    }

    /** The same filters, limited to the entries of owners the person may read. */
    public AuditQuery readableBy(Set<String> owners) {
        return new AuditQuery(owner, packageName, actor, action, from, to, page, size, owners);
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
