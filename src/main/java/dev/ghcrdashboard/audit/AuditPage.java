package dev.ghcrdashboard.audit;

import java.util.List;

/** One page of {@link AuditLog#search} results, newest first, with the total count of matches. */
public record AuditPage(List<AuditEntry> entries, int page, int size, long totalMatches) {

    public AuditPage {
        entries = List.copyOf(entries);
    }

    public long totalPages() {
        return (totalMatches + size - 1) / size;
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < totalPages();
    }
}
