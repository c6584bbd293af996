package dev.ghcrdashboard.operations;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * A start that fails because the database cannot be reached or refuses the credentials gets one sentence
 * naming {@code SPRING_DATASOURCE_URL} (without anything that may be a password) and what to check,
 * instead of a pool's stack trace. SQL states: class 08 is "connection exception", class 28 "invalid
 * authorization" (the SQL standard, which PostgreSQL's and H2's drivers follow).
 */
record DatabaseFailureAnalyzer(Environment environment) implements FailureAnalyzer {

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        String url = environment == null ? "" : environment.getProperty(SettingsCheck.DATASOURCE_URL, "");
        if (url.isBlank() || url.startsWith("jdbc:h2:")) {
            return null; // the embedded database has no server to reach; its failures explain themselves
        }
        String shown = SettingsCheck.redacted(url);
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("28")) {
                return analysis("The database at " + shown + " refused the user name or password"
                        + " (SPRING_DATASOURCE_USERNAME / SPRING_DATASOURCE_PASSWORD); set the credentials of a role that may"
                        + " create tables in that database.", "Correct SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD.", failure);
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().equals("3D000")) {
                return analysis("The database named in spring.datasource.url (SPRING_DATASOURCE_URL) " + shown
                        + " does not exist on that server; create it (CREATE DATABASE …) or correct the name in the URL.",
                        "Create the database or correct SPRING_DATASOURCE_URL.", failure);
            }
            boolean unreachable = cause instanceof ConnectException || cause instanceof UnknownHostException
                    || (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08"));
            if (unreachable) {
                return analysis("The database at spring.datasource.url (SPRING_DATASOURCE_URL) " + shown
                        + " cannot be reached (" + firstLine(cause) + "); start it, or correct the host and port in SPRING_DATASOURCE_URL.",
                        "Start the database or correct SPRING_DATASOURCE_URL.", failure);
            }
        }
        return null;
    }

    private static FailureAnalysis analysis(String description, String action, Throwable cause) {
        return new FailureAnalysis(description, action, cause);
    }

    private static String firstLine(Throwable cause) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }
}
