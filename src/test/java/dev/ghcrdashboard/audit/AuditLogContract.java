package dev.ghcrdashboard.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * What the audit log promises, checked against each database it runs on: subclasses hand over a
 * fresh database, this class migrates it with the real Flyway migrations and asserts.
 */
abstract class AuditLogContract {

    static final Instant NOW = Instant.parse("2026-03-15T12:34:56.123456789Z");

    AuditLog log;
    private SingleConnectionDataSource dataSource;

    /** A fresh, empty database; migrations have not run yet. */
    abstract SingleConnectionDataSource newDatabase();

    @BeforeEach
    void migrate() {
        dataSource = newDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        log = new AuditLog(JdbcClient.create(dataSource), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void disconnect() {
        dataSource.destroy();
    }

    @Test
    void recordedEntryIsReadBackExactlyWithItsId() {
        var entry = new AuditEntry(null, Instant.parse("2026-03-01T10:00:00.123456Z"), "octocat",
                AuditAction.DELETE_VERSION, "acme", "tools/cli", 123456789012L,
                "sha256:" + "a".repeat(64), List.of("v1.2.3", "latest"), AuditOutcome.SUCCEEDED,
                "Deleted. Ünïcode — fine; " + "long ".repeat(2000), "job-42");

        AuditEntry stored = log.record(entry);

        assertThat(stored.id()).isNotNull();
        assertThat(stored).usingRecursiveComparison().ignoringFields("id").isEqualTo(entry);
        assertThat(log.search(AuditQuery.all()).entries()).containsExactly(stored);
    }

    @Test
    void optionalFieldsMayBeMissing() {
        AuditEntry stored = log.record(new AuditEntry(null, null, "octocat", AuditAction.VISIBILITY_CHANGE_STARTED,
                "acme", "web", null, null, null, AuditOutcome.PENDING, null, null));

        AuditEntry read = log.search(AuditQuery.all()).entries().get(0);
        assertThat(read).isEqualTo(stored);
        assertThat(read.versionId()).isNull();
        assertThat(read.digest()).isNull();
        assertThat(read.tags()).isEmpty();
        assertThat(read.jobId()).isNull();
    }

    @Test
    void missingTimeMeansNowToTheMicrosecond() {
        AuditEntry stored = log.record(entry("octocat", AuditAction.DELETE_VERSION, "acme", "web", null));

        assertThat(stored.occurredAt()).isEqualTo(Instant.parse("2026-03-15T12:34:56.123456Z"));
        assertThat(log.search(AuditQuery.all()).entries().get(0).occurredAt()).isEqualTo(stored.occurredAt());
    }

    @Test
    void idsAreDistinctAndNewestComesFirst() {
        AuditEntry older = log.record(entry("a", AuditAction.DELETE_VERSION, "acme", "web", at("2026-03-01T00:00:00Z")));
        AuditEntry newest = log.record(entry("b", AuditAction.DELETE_VERSION, "acme", "web", at("2026-03-03T00:00:00Z")));
        AuditEntry middle = log.record(entry("c", AuditAction.DELETE_VERSION, "acme", "web", at("2026-03-02T00:00:00Z")));
        // Same instant: the later insert counts as newer.
        AuditEntry sameTimeLater = log.record(entry("d", AuditAction.DELETE_VERSION, "acme", "web", at("2026-03-02T00:00:00Z")));

        assertThat(List.of(older.id(), newest.id(), middle.id(), sameTimeLater.id())).doesNotHaveDuplicates();
        assertThat(log.search(AuditQuery.all()).entries()).containsExactly(newest, sameTimeLater, middle, older);
    }

    @Test
    void filtersByOwnerPackagePersonAndAction() {
        AuditEntry acmeWeb = log.record(entry("octocat", AuditAction.DELETE_VERSION, "acme", "web", at("2026-03-01T00:00:00Z")));
        AuditEntry acmeCli = log.record(entry("hubot", AuditAction.RESTORE_VERSION, "acme", "tools/cli", at("2026-03-02T00:00:00Z")));
        AuditEntry otherWeb = log.record(entry("octocat", AuditAction.VISIBILITY_CHANGE_STARTED, "other", "web", at("2026-03-03T00:00:00Z")));
        AuditEntry otherCli = log.record(entry("hubot", AuditAction.DELETE_VERSION, "other", "tools/cli", at("2026-03-04T00:00:00Z")));

        assertThat(search(query("acme", null, null, null))).containsExactly(acmeCli, acmeWeb);
        assertThat(search(query(null, "tools/cli", null, null))).containsExactly(otherCli, acmeCli);
        assertThat(search(query(null, null, "octocat", null))).containsExactly(otherWeb, acmeWeb);
        assertThat(search(query(null, null, null, AuditAction.DELETE_VERSION))).containsExactly(otherCli, acmeWeb);
        assertThat(search(query("other", "tools/cli", "hubot", AuditAction.DELETE_VERSION))).containsExactly(otherCli);
        assertThat(search(query("acme", null, null, AuditAction.VISIBILITY_CHANGE_STARTED))).isEmpty();
        // Text filters match whole values, not parts of them.
        assertThat(search(query("acm", null, null, null))).isEmpty();
        assertThat(search(query(null, "cli", null, null))).isEmpty();
        // Blank means "any".
        assertThat(search(query(" ", "", null, null))).hasSize(4);
    }

    @Test
    void dateFiltersAreWholeUtcDaysWithBothEndsInclusive() {
        AuditEntry lastOfFeb = log.record(entry("a", AuditAction.DELETE_VERSION, "acme", "web", at("2026-02-28T23:59:59.999999Z")));
        AuditEntry firstOfMar = log.record(entry("a", AuditAction.DELETE_VERSION, "acme", "web", at("2026-03-01T00:00:00Z")));
        AuditEntry endOfSecond = log.record(entry("a", AuditAction.DELETE_VERSION, "acme", "web", at("2026-03-02T23:59:59.999999Z")));
        AuditEntry third = log.record(entry("a", AuditAction.DELETE_VERSION, "acme", "web", at("2026-03-03T00:00:00Z")));

        LocalDate mar1 = LocalDate.parse("2026-03-01");
        LocalDate mar2 = LocalDate.parse("2026-03-02");
        assertThat(search(dates(mar1, null))).containsExactly(third, endOfSecond, firstOfMar);
        assertThat(search(dates(null, mar2))).containsExactly(endOfSecond, firstOfMar, lastOfFeb);
        assertThat(search(dates(mar1, mar2))).containsExactly(endOfSecond, firstOfMar);
        assertThat(search(dates(mar1, mar1))).containsExactly(firstOfMar);
        assertThat(search(dates(LocalDate.parse("2026-02-28"), LocalDate.parse("2026-02-28")))).containsExactly(lastOfFeb);
    }

    @Test
    void pagesCountFromOneAndCoverEveryMatchOnce() {
        List<AuditEntry> newestFirst = new ArrayList<>();
        for (int day = 1; day <= 7; day++) {
            newestFirst.add(0, log.record(entry("a", AuditAction.DELETE_VERSION, "acme", "web",
                    at("2026-03-0" + day + "T08:00:00Z"))));
        }

        AuditPage first = log.search(page(1, 3));
        AuditPage second = log.search(page(2, 3));
        AuditPage last = log.search(page(3, 3));
        AuditPage beyond = log.search(page(4, 3));

        assertThat(first.entries()).containsExactlyElementsOf(newestFirst.subList(0, 3));
        assertThat(second.entries()).containsExactlyElementsOf(newestFirst.subList(3, 6));
        assertThat(last.entries()).containsExactlyElementsOf(newestFirst.subList(6, 7));
        assertThat(beyond.entries()).isEmpty();
        assertThat(first.totalMatches()).isEqualTo(7);
        assertThat(first.totalPages()).isEqualTo(3);
        assertThat(first.hasPrevious()).isFalse();
        assertThat(first.hasNext()).isTrue();
        assertThat(last.hasNext()).isFalse();
        assertThat(last.hasPrevious()).isTrue();
    }

    @Test
    void pagingCountsOnlyFilteredEntries() {
        for (int i = 0; i < 5; i++) {
            log.record(entry("a", AuditAction.DELETE_VERSION, "acme", "web", null));
            log.record(entry("a", AuditAction.DELETE_VERSION, "other", "web", null));
        }

        AuditPage page = log.search(new AuditQuery("acme", null, null, null, null, null, 2, 2));

        assertThat(page.totalMatches()).isEqualTo(5);
        assertThat(page.entries()).hasSize(2).allSatisfy(e -> assertThat(e.owner()).isEqualTo("acme"));
    }

    @Test
    void suggestsEachKnownOwnerPackageAndPersonOnceInOrder() {
        log.record(entry("octocat", AuditAction.DELETE_VERSION, "other", "web", null));
        log.record(entry("hubot", AuditAction.DELETE_VERSION, "acme", "tools/cli", null));
        log.record(entry("octocat", AuditAction.DELETE_VERSION, "acme", "web", null));

        AuditLog.KnownValues known = log.knownValues(AuditQuery.all());

        assertThat(known.owners()).containsExactly("acme", "other");
        assertThat(known.packages()).containsExactly("tools/cli", "web");
        assertThat(known.actors()).containsExactly("hubot", "octocat");
    }

    @Test
    void suggestionsAndSearchesNeverReachBeyondTheOwnersAPersonMayRead() {
        log.record(entry("mallory", AuditAction.DELETE_VERSION, "globex", "secret-app", null));
        log.record(entry("octocat", AuditAction.DELETE_VERSION, "Acme", "web", null));
        AuditQuery octocatsView = AuditQuery.all().readableBy(Set.of("octocat", "acme"));

        AuditLog.KnownValues known = log.knownValues(octocatsView);
        assertThat(known.owners()).containsExactly("Acme");
        assertThat(known.packages()).containsExactly("web");
        assertThat(known.actors()).containsExactly("octocat");
        assertThat(log.search(new AuditQuery("globex", null, null, null, null, null, 1, 50)
                .readableBy(octocatsView.readableOwners())).entries()).isEmpty();
        assertThat(log.search(octocatsView).entries()).extracting(AuditEntry::owner).containsExactly("Acme");
        var csv = new java.io.StringWriter();
        log.exportCsv(octocatsView, csv);
        assertThat(csv.toString()).doesNotContain("globex").doesNotContain("mallory").contains("Acme");
        assertThat(log.isEmpty(AuditQuery.all().readableBy(Set.of("initech")))).isTrue();
        assertThat(log.search(AuditQuery.all().readableBy(Set.of())).entries()).isEmpty();
    }

    @Test
    void knowsWhetherAnythingWasEverRecorded() {
        assertThat(log.isEmpty(AuditQuery.all())).isTrue();
        log.record(entry("a", AuditAction.DELETE_PACKAGE, "acme", "web", null));
        assertThat(log.isEmpty(AuditQuery.all())).isFalse();
    }

    @Test
    void csvHasAHeaderAndQuotesPerRfc4180() {
        AuditEntry stored = log.record(new AuditEntry(null, at("2026-03-01T10:00:00Z"), "octocat", AuditAction.DELETE_VERSION,
                "acme", "web", 42L, "sha256:abc", List.of("v1", "latest"), AuditOutcome.REFUSED,
                "GitHub said: \"You cannot delete the last version of a package, delete the package instead.\"\nSecond line",
                "job-7"));

        String csv = export(AuditQuery.all());

        assertThat(csv).isEqualTo(
                "id,occurred_at,actor,action,owner,package,version_id,digest,tags,outcome,detail,job_id\r\n"
                + stored.id() + ",2026-03-01T10:00:00Z,octocat,DELETE_VERSION,acme,web,42,sha256:abc,v1 latest,REFUSED,"
                + "\"GitHub said: \"\"You cannot delete the last version of a package, delete the package instead.\"\"\nSecond line\","
                + "job-7\r\n");
    }

    @Test
    void csvNeutralisesSpreadsheetFormulas() {
        log.record(new AuditEntry(null, at("2026-03-01T10:00:00Z"), "@attacker", AuditAction.DELETE_VERSION,
                "=cmd|' /C calc'!A0", "+web", null, "-1", List.of(), AuditOutcome.FAILED,
                "=HYPERLINK(\"http://evil.example\",\"click\")", "\tjob"));

        String row = export(AuditQuery.all()).split("\r\n")[1];

        assertThat(row).contains(",'@attacker,", ",'=cmd|' /C calc'!A0,", ",'+web,", ",'-1,",
                ",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",", ",'\tjob");
    }

    @Test
    void csvStreamsEveryMatchingRowNotJustOnePage() {
        // More rows than the largest page and than one database fetch.
        int rows = AuditQuery.MAX_SIZE + 7;
        for (int i = 0; i < rows; i++) {
            log.record(entry("a", AuditAction.DELETE_VERSION, i % 2 == 0 ? "acme" : "other", "web", null));
        }
        log.record(entry("a", AuditAction.DELETE_VERSION, "acme", "web", at("2026-03-20T00:00:00Z")));

        List<String> all = lines(export(AuditQuery.all()));
        List<String> acme = lines(export(new AuditQuery("acme", null, null, null, null, null, 1, 1)));
        List<String> fromMar20 = lines(export(dates(LocalDate.parse("2026-03-20"), null)));

        assertThat(all).hasSize(1 + rows + 1);
        assertThat(acme).hasSize(1 + (rows + 1) / 2 + 1);
        assertThat(acme.subList(1, acme.size())).allSatisfy(line -> assertThat(line).contains(",acme,web,"));
        assertThat(fromMar20).hasSize(2);
        assertThat(fromMar20.get(1)).contains(",2026-03-20T00:00:00Z,");
    }

    @Test
    void csvOfNothingIsJustTheHeader() {
        assertThat(lines(export(AuditQuery.all()))).hasSize(1);
    }

    @Test
    void queriesRejectNonsense() {
        assertThatThrownBy(() -> new AuditQuery(null, null, null, null, null, null, 0, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuditQuery(null, null, null, null, null, null, 1, AuditQuery.MAX_SIZE + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> dates(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-01")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private List<AuditEntry> search(AuditQuery query) {
        return log.search(query).entries();
    }

    private String export(AuditQuery query) {
        var out = new StringWriter();
        log.exportCsv(query, out);
        return out.toString();
    }

    private static List<String> lines(String csv) {
        return List.of(csv.split("\r\n"));
    }

    static AuditEntry entry(String actor, AuditAction action, String owner, String packageName, Instant occurredAt) {
        return new AuditEntry(null, occurredAt, actor, action, owner, packageName, 1L, "sha256:0", List.of("v1"),
                AuditOutcome.SUCCEEDED, null, null);
    }

    static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private static AuditQuery query(String owner, String packageName, String actor, AuditAction action) {
        return new AuditQuery(owner, packageName, actor, action, null, null, 1, AuditQuery.DEFAULT_SIZE);
    }

    private static AuditQuery dates(LocalDate from, LocalDate to) {
        return new AuditQuery(null, null, null, null, from, to, 1, AuditQuery.DEFAULT_SIZE);
    }

    private static AuditQuery page(int page, int size) {
        return new AuditQuery(null, null, null, null, null, null, page, size);
    }
}
