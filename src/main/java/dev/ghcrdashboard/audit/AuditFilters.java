package dev.ghcrdashboard.audit;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.BindParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The audit page's filters exactly as typed (query parameters), so a form with a mistake is shown
 * back unchanged next to a message saying what is wrong, instead of a stack trace. Everything is
 * bound as text: conversion happens in {@link #parse()}, where a bad value becomes a message.
 */
record AuditFilters(String owner, @BindParam("package") String packageName, String actor, String action, String from,
                    String to, String page, String size) {

    /** Either a query or the reasons there is none, in words for the person who typed the filters. */
    record Parsed(AuditQuery query, List<String> errors) {
    }

    Parsed parse() {
        List<String> errors = new ArrayList<>();
        AuditAction parsedAction = parseAction(errors);
        LocalDate parsedFrom = parseDate("From", from, errors);
        LocalDate parsedTo = parseDate("To", to, errors);
        int parsedPage = parseNumber("Page", page, 1, Integer.MAX_VALUE, 1, errors);
        int parsedSize = parseNumber("Page size", size, 1, AuditQuery.MAX_SIZE, AuditQuery.DEFAULT_SIZE, errors);
        if (parsedFrom != null && parsedTo != null && parsedFrom.isAfter(parsedTo)) {
            errors.add("The 'From' date (" + parsedFrom + ") is after the 'To' date (" + parsedTo + ").");
        }
        if (!errors.isEmpty()) {
            return new Parsed(null, List.copyOf(errors));
        }
        return new Parsed(new AuditQuery(owner, packageName, actor, parsedAction, parsedFrom, parsedTo, parsedPage,
                parsedSize), List.of());
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

    private AuditAction parseAction(List<String> errors) {
        if (isBlank(action)) {
            return null;
        }
        try {
            return AuditAction.valueOf(action.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add("Unknown action. Choose one of: " + String.join(", ",
                    Arrays.stream(AuditAction.values()).map(AuditAction::label).toList()) + ".");
            return null;
        }
    }

    private static LocalDate parseDate(String label, String value, List<String> errors) {
        if (isBlank(value)) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add("'" + label + "' is not a date; use the form YYYY-MM-DD.");
            return null;
        }
    }

    private static int parseNumber(String label, String value, int min, int max, int absent, List<String> errors) {
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
        errors.add(max == Integer.MAX_VALUE
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
