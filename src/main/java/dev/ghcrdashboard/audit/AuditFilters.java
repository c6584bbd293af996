package dev.ghcrdashboard.audit;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Locale;
import org.springframework.validation.Errors;
import org.springframework.web.bind.annotation.BindParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The audit page's filters exactly as typed (query parameters), so a form with a mistake is shown
 * back unchanged next to a message saying what is wrong, instead of a stack trace. Everything is
 * bound as text: conversion happens in {@link #parse}, where a bad value becomes an error beside its field.
 */
record AuditFilters(String owner, @BindParam("package") String packageName, String actor, String action, String from,
                    String to, String page, String size) {

    /** The query these filters ask for, or empty when a filter cannot be used (each reason is in {@code errors}). */
    Optional<AuditQuery> parse(Errors errors) {
        AuditAction parsedAction = parseAction(errors);
        LocalDate parsedFrom = parseDate("from", "From", from, errors);
        LocalDate parsedTo = parseDate("to", "To", to, errors);
        int parsedPage = parseNumber("page", "Page", page, 1, Integer.MAX_VALUE, 1, errors);
        int parsedSize = parseNumber("size", "Page size", size, 1, AuditQuery.MAX_SIZE, AuditQuery.DEFAULT_SIZE, errors);
        if (parsedFrom != null && parsedTo != null && parsedFrom.isAfter(parsedTo)) {
            errors.rejectValue("to", "beforeFrom", "The 'From' date (" + parsedFrom + ") is after the 'To' date (" + parsedTo + ").");
        }
        if (errors.hasErrors()) {
            return Optional.empty();
        }
        return Optional.of(new AuditQuery(owner, packageName, actor, parsedAction, parsedFrom, parsedTo, parsedPage,
                parsedSize));
    }

    AuditFilters withoutPaging() {
        return new AuditFilters(owner, packageName, actor, action, from, to, null, null);
    }

    /** A link to {@code path} with these filters and the given page ({@code null} = no page parameter). */
    String link(String path, Integer toPage) {
        var uri = UriComponentsBuilder.fromPath(path);
        addIfPresent(uri, "owner", owner);
        addIfPresent(uri, "package", packageName);
        addIfPresent(uri, "actor", actor);
        addIfPresent(uri, "action", action);
        addIfPresent(uri, "from", from);
        addIfPresent(uri, "to", to);
        addIfPresent(uri, "size", size);
        if (toPage != null) {
            uri.queryParam("page", toPage);
        }
        return uri.encode().build().toUriString();
    }

    private AuditAction parseAction(Errors errors) {
        if (isBlank(action)) {
            return null;
        }
        try {
            return AuditAction.valueOf(action.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.rejectValue("action", "unknown", "Unknown action. Choose one of: " + String.join(", ",
                    Arrays.stream(AuditAction.values()).map(AuditAction::label).toList()) + ".");
            return null;
        }
    }

    private static LocalDate parseDate(String field, String label, String value, Errors errors) {
        if (isBlank(value)) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.rejectValue(field, "notADate", "'" + label + "' is not a date; use the form YYYY-MM-DD.");
            return null;
        }
    }

    private static int parseNumber(String field, String label, String value, int min, int max, int absent, Errors errors) {
        if (isBlank(value)) {
            return absent;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below, same as out of range
        }
        errors.rejectValue(field, "outOfRange", max == Integer.MAX_VALUE
                ? label + " must be a whole number, " + min + " or more."
                : label + " must be a whole number from " + min + " to " + max + ".");
        return absent;
    }

    private static void addIfPresent(UriComponentsBuilder uri, String name, String value) {
        if (!isBlank(value)) {
            uri.queryParam(name, value.strip());
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
