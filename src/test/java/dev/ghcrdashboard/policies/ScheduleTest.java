package dev.ghcrdashboard.policies;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Schedules as an admin writes them: presets and crontab lines, in UTC, and what is wrong with a bad one. */
class ScheduleTest {

    /** A Sunday afternoon. */
    private static final Instant SUNDAY = Instant.parse("2026-11-29T15:00:00Z");

    @Test
    void presetsRunAtThreeInTheMorningUtcDailyOnMondaysAndOnTheFirst() {
        assertThat(new Schedule("daily").next(SUNDAY)).isEqualTo(Instant.parse("2026-11-30T03:00:00Z"));
        assertThat(new Schedule("weekly").next(Instant.parse("2026-11-30T03:00:00Z"))).isEqualTo(Instant.parse("2026-12-07T03:00:00Z"));
        assertThat(new Schedule("monthly").next(SUNDAY)).isEqualTo(Instant.parse("2026-12-01T03:00:00Z"));
    }

    @Test
    void aCrontabLineStartsAtTheMinute() {
        assertThat(new Schedule("30 2 * * 1-5").next(SUNDAY)).isEqualTo(Instant.parse("2026-11-30T02:30:00Z"));
        assertThat(new Schedule(" */15 * * * * ").next(SUNDAY)).isEqualTo(Instant.parse("2026-11-29T15:15:00Z"));
    }

    @Test
    void aBadScheduleSaysWhatIsWrong() {
        assertThat(Schedule.problem("")).contains("Choose a schedule, or write a cron expression.");
        assertThat(Schedule.problem("0 3 * * * *")).get().asString().contains("five fields").contains("this one has 6");
        assertThat(Schedule.problem("61 3 * * *")).get().asString().startsWith("That is not a valid cron expression");
        assertThat(Schedule.problem("0 0 30 2 *")).contains("This cron expression names a time that never comes.");
        assertThat(Schedule.problem("weekly")).isEmpty();
    }
}
