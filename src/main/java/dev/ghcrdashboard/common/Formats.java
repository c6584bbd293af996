package dev.ghcrdashboard.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.thymeleaf.dialect.IDialect;

/**
 * Formatting helpers for templates ({@code ${@fmt.size(bytes)}}); Thymeleaf 3.1 forbids static {@code T(…)} calls.
 * Declared a (processor-less) Thymeleaf dialect because web slice tests load dialects but not plain components,
 * and the shared fragments (times, tags) use it on every page.
 */
@Component("fmt")
class Formats implements IDialect {

    private static final DateTimeFormatter ABSOLUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Clock clock;

    // A provider: a web slice test has no Clock bean, and the system's is right there.
    Formats(ObjectProvider<Clock> clock) {
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Override
    public String getName() {
        return "ghcr-dashboard formats";
    }

    public String size(long bytes) {
        return Sizes.human(bytes);
    }

    /** A name or tag with hidden and reordering characters written out ({@link Names#visible}). */
    public String visible(String text) {
        return Names.visible(text);
    }

    /** Whether docker could pull this tag; the page flags the others. */
    public boolean validTag(String tag) {
        return Names.isValidTag(tag);
    }

    /** A count with its noun: "1 version", "3 versions". */
    public String counted(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** The moment to the second with its zone, for a time's tooltip: {@code 2026-04-01 10:00:00 UTC}. */
    public String absolute(Instant moment) {
        return moment == null ? null : ABSOLUTE.format(moment);
    }

    /** How long ago (or how far ahead) the moment is, as people say it: "just now", "3 days ago", "in 5 minutes". */
    public String ago(Instant moment) {
        if (moment == null) {
            return null;
        }
        Duration distance = Duration.between(moment, clock.instant());
        boolean future = distance.isNegative();
        String amount = amount(distance.abs());
        if (amount == null) {
            return "just now";
        }
        return future ? "in " + amount : amount + " ago";
    }

    private static String amount(Duration distance) {
        long seconds = distance.toSeconds();
        if (seconds < 45) {
            return null;
        }
        long minutes = Math.max(1, Math.round(seconds / 60.0));
        if (minutes < 60) {
            return count(minutes, "minute");
        }
        long hours = Math.round(seconds / 3600.0);
        if (hours < 24) {
            return count(hours, "hour");
        }
        long days = Math.round(seconds / 86_400.0);
        if (days < 31) {
            return count(days, "day");
        }
        long months = Math.round(days / 30.44);
        if (months < 12) {
            return count(Math.max(1, months), "month");
        }
        return count(Math.max(1, Math.round(days / 365.25)), "year");
    }

    private static String count(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
