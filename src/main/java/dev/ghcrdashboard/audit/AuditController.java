package dev.ghcrdashboard.audit;

import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.owners.OwnerDirectory;
import dev.ghcrdashboard.security.SignedInUser;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/**
 * Read-only pages of the audit log. There is deliberately no POST/PUT/PATCH/DELETE mapping here:
 * entries are written only by the features that make changes, through {@link AuditLog#record}.
 */
@Controller
record AuditController(AuditLog auditLog, OwnerDirectory owners) {

    // Times are stored and filtered in UTC; the page says so rather than guessing the reader's zone.

    @GetMapping("/audit")
    ModelAndView list(@ModelAttribute("filters") AuditFilters filters, BindingResult errors, SignedInUser user) {
        var view = new ModelAndView("audit/audit");
        AuditQuery readable = AuditQuery.all().readableBy(readableOwners(user));
        view.addObject("actions", AuditAction.values());
        view.addObject("csvUrl", filters.withoutPaging().link("/audit.csv", null));
        view.addObject("known", auditLog.knownValues(readable));
        Optional<AuditQuery> parsed = filters.parse(errors);
        if (parsed.isEmpty()) {
            view.setStatus(HttpStatus.BAD_REQUEST);
            return view;
        }
        AuditQuery query = parsed.get().readableBy(readable.readableOwners());
        AuditPage result = auditLog.search(query);
        view.addObject("result", result);
        view.addObject("filtered", query.hasFilters());
        if (result.totalMatches() == 0) {
            view.addObject("neverRecorded", auditLog.isEmpty(readable));
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
    void csv(@ModelAttribute("filters") AuditFilters filters, BindingResult errors, SignedInUser user,
             HttpServletResponse response) throws IOException {
        // Paging does not apply to an export: it always holds every matching entry.
        Optional<AuditQuery> parsed = filters.withoutPaging().parse(errors);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (parsed.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            response.setContentType("text/plain");
            response.getWriter().write("The audit log was not exported: " + errors.getAllErrors().stream()
                    .map(error -> error.getDefaultMessage()).collect(Collectors.joining(" ")) + "\n");
            return;
        }
        response.setContentType("text/csv");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("audit-log-" + LocalDate.now(ZoneOffset.UTC) + ".csv")
                .build()
                .toString());
        auditLog.exportCsv(parsed.get().readableBy(readableOwners(user)), response.getWriter());
    }

    /** The audit log shows a person the entries of the owners they may read: themselves and their organizations. */
    private Set<String> readableOwners(SignedInUser user) {
        return owners.owners(user).stream().map(Owner::login).collect(Collectors.toSet());
    }
}
