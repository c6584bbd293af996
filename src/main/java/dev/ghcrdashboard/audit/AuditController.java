package dev.ghcrdashboard.audit;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Read-only pages of the audit log. There is deliberately no POST/PUT/PATCH/DELETE mapping here:
 * entries are written only by the features that make changes, through {@link AuditLog#record}.
 */
@Controller
class AuditController {

    // Times are stored and filtered in UTC; the page says so rather than guessing the reader's zone.
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final AuditLog auditLog;

    AuditController(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @GetMapping("/audit")
    ModelAndView list(AuditFilters filters) {
        var view = new ModelAndView("audit");
        view.addObject("filters", filters);
        view.addObject("actions", AuditAction.values());
        view.addObject("csvUrl", filters.withoutPaging().link("/audit.csv", null));
        view.addObject("time", TIME);
        view.addObject("known", auditLog.knownValues());
        AuditFilters.Parsed parsed = filters.parse();
        if (!parsed.errors().isEmpty()) {
            view.addObject("errors", parsed.errors());
            view.setStatus(HttpStatus.BAD_REQUEST);
            return view;
        }
        AuditPage result = auditLog.search(parsed.query());
        view.addObject("result", result);
        view.addObject("filtered", parsed.query().hasFilters());
        if (result.totalMatches() == 0) {
            view.addObject("neverRecorded", auditLog.isEmpty());
        }
        if (result.hasPrevious()) {
            long previous = Math.min(result.page() - 1, Math.max(result.totalPages(), 1));
            view.addObject("previousUrl", filters.link("/audit", (int) previous));
        }
        if (result.hasNext()) {
            view.addObject("nextUrl", filters.link("/audit", result.page() + 1));
        }
        if (result.totalMatches() > 0 && result.entries().isEmpty()) {
            view.addObject("lastPageUrl", filters.link("/audit", (int) result.totalPages()));
        }
        return view;
    }

    @GetMapping("/audit.csv")
    void csv(AuditFilters filters, HttpServletResponse response) throws IOException {
        // Paging does not apply to an export: it always holds every matching entry.
        AuditFilters.Parsed parsed = filters.withoutPaging().parse();
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (!parsed.errors().isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            response.setContentType("text/plain");
            response.getWriter().write("The audit log was not exported: " + String.join(" ", parsed.errors()) + "\n");
            return;
        }
        response.setContentType("text/csv");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("audit-log-" + LocalDate.now(ZoneOffset.UTC) + ".csv")
                .build()
                .toString());
        auditLog.exportCsv(parsed.query(), response.getWriter());
    }
}
