package dev.ghcrdashboard.visibility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * The drift report as CSV (RFC 4180). Package names and reasons come from GitHub and may be hostile:
 * a cell that a spreadsheet would run as a formula is prefixed with an apostrophe.
 */
final class DriftCsv {

    private DriftCsv() {
    }

    static void write(List<DriftFinding> findings, Writer out) {
        try {
            out.write("package,severity,reported,should_be,reason\r\n");
            for (DriftFinding finding : findings) {
                out.write(String.join(",",
                        cell(finding.packageName()),
                        cell(finding.severity().name()),
                        cell(finding.reported() == null ? "" : finding.reported().apiValue()),
                        cell(finding.target().apiValue()),
                        cell(finding.reason())));
                out.write("\r\n");
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String cell(String value) {
        String safe = value;
        if (!safe.isEmpty() && "=+-@\t\r".indexOf(safe.charAt(0)) >= 0) {
            safe = "'" + safe;
        }
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
