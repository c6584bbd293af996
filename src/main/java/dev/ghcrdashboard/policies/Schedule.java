package dev.ghcrdashboard.policies;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import org.springframework.scheduling.support.CronExpression;

/**
 * When a policy runs: a preset ({@code daily}, {@code weekly}, {@code monthly}) or a five-field cron expression
 * (minute hour day-of-month month day-of-week, as crontab writes it), evaluated in UTC.
 */
record Schedule(String text) {

    /** Presets run at 03:00 UTC, when few people push; weekly on Mondays, monthly on the first. */
    static final Map<String, String> PRESETS = Map.of("daily", "0 3 * * *", "weekly", "0 3 * * MON", "monthly", "0 3 1 * *");

    Schedule {
        text = text.strip();
        problem(text).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    /** Why the text is not a schedule, as a sentence shown beside the field; empty when it is one. */
    static Optional<String> problem(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of("Choose a schedule, or write a cron expression.");
        }
        if (PRESETS.containsKey(text.strip())) {
            return Optional.empty();
        }
        String[] fields = text.strip().split("\\s+");
        if (fields.length != 5) {
            return Optional.of("A cron expression has five fields (minute hour day-of-month month day-of-week), e.g. 30 2 * * *;"
                    + " this one has " + fields.length + ".");
        }
        try {
            // A date that never comes (30 February) parses, but would never run: say so now rather than never.
            if (CronExpression.parse("0 " + text.strip()).next(ZonedDateTime.now(ZoneOffset.UTC)) == null) {
                return Optional.of("This cron expression names a time that never comes.");
            }
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("That is not a valid cron expression: " + e.getMessage());
        }
    }

    public boolean preset() {
        return PRESETS.containsKey(text);
    }

    /** The first time after {@code after} that the schedule names. */
    Instant next(Instant after) {
        // Spring's cron has a seconds field first; a crontab line starts at minutes.
        CronExpression cron = CronExpression.parse("0 " + PRESETS.getOrDefault(text, text));
        ZonedDateTime next = cron.next(after.atZone(ZoneOffset.UTC));
        if (next == null) {
            throw new IllegalStateException("The schedule " + text + " never runs again");
        }
        return next.toInstant();
    }

    /** As a list shows it: "daily (03:00 UTC)", or the cron line. */
    public String describe() {
        return switch (text) {
            case "daily" -> "daily at 03:00 UTC";
            case "weekly" -> "weekly, Mondays at 03:00 UTC";
            case "monthly" -> "monthly, on the 1st at 03:00 UTC";
            default -> "cron " + text + " (UTC)";
        };
    }
}
