package dev.ghcrdashboard.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import dev.ghcrdashboard.github.AccessToken;
import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.github.OwnerType;
import dev.ghcrdashboard.owners.OwnerDirectory;
import dev.ghcrdashboard.security.CurrentUser;
import dev.ghcrdashboard.security.SignedInUser;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The audit pages over a real (H2) audit log, as a signed-in person sees them. */
// Any client id will do: the slice only needs the OAuth client configuration to start; nobody signs in through it.
@WebMvcTest(controllers = AuditController.class, properties = {"spring.security.oauth2.client.registration.github.client-id=test-client",
        "spring.security.oauth2.client.registration.github.client-secret=test-secret"})
@Import(AuditControllerTest.RealAuditLog.class)
@WithMockUser
class AuditControllerTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class RealAuditLog {
        @Bean
        DataSource auditDataSource() {
            var dataSource = new DriverManagerDataSource("jdbc:h2:mem:audit-web-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
            return dataSource;
        }

        @Bean
        AuditLog auditLog(DataSource auditDataSource, Clock clock) {
            return new AuditLog(JdbcClient.create(auditDataSource), clock);
        }
    }

    static final String DIGEST = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static final SignedInUser OCTOCAT = new SignedInUser("octocat", new AccessToken("gho_audit_reader"), Set.of("read:packages"));

    @MockitoBean
    CurrentUser currentUser;
    @MockitoBean
    OwnerDirectory owners;

    @Autowired
    MockMvc mvc;
    @Autowired
    AuditLog auditLog;
    @Autowired
    DataSource dataSource;

    @BeforeEach
    void signedInAsOctocatWhoReadsAcmeAndOther() {
        when(currentUser.get(any())).thenReturn(Optional.of(OCTOCAT));
        when(owners.owners(OCTOCAT)).thenReturn(List.of(new Owner("octocat", OwnerType.USER, null),
                new Owner("acme", OwnerType.ORGANIZATION, null), new Owner("other", OwnerType.ORGANIZATION, null)));
    }

    @Test
    void anotherOrganizationsEntriesAreNeitherListedExportedNorSuggested() throws Exception {
        record("octocat", "acme", "web", AuditAction.DELETE_VERSION, "2026-03-01T10:00:00Z");
        record("mallory", "globex", "secret-app", AuditAction.DELETE_VERSION, "2026-03-02T10:00:00Z");

        String page = html("/audit");
        assertThat(page).contains("web").doesNotContain("globex").doesNotContain("secret-app")
                .doesNotContain("mallory");
        assertThat(html("/audit?owner=globex")).contains("No entries match").doesNotContain("secret-app");
        String csv = mvc.perform(get("/audit.csv")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(csv).contains("acme").doesNotContain("globex").doesNotContain("mallory");
    }

    @BeforeEach
    void startEmpty() {
        // Test set-up only: the application itself has no way to remove entries.
        new JdbcTemplate(dataSource).update("DELETE FROM audit_entry");
    }

    @Test
    void anEmptyLogSaysNothingHasBeenRecordedYet() throws Exception {
        String page = html("/audit");

        assertThat(page).contains("No changes recorded yet").doesNotContain("No entries match").doesNotContain("<table");
    }

    @Test
    void filtersThatMatchNothingSaySoAndOfferEverything() throws Exception {
        record("octocat", "acme", "web", AuditAction.DELETE_VERSION, "2026-03-01T10:00:00Z");

        String page = html("/audit?owner=nobody");

        assertThat(page).contains("No entries match these filters").contains("href=\"/audit\">Show all entries")
                .doesNotContain("No changes recorded yet");
    }

    @Test
    void showsEveryFieldOfAnEntryInAnAccessibleTable() throws Exception {
        auditLog.record(new AuditEntry(null, Instant.parse("2026-03-01T10:00:00Z"), "octocat", AuditAction.DELETE_VERSION,
                "acme", "tools/cli", 987654321L, DIGEST, List.of("v1.2", "latest"), AuditOutcome.REFUSED,
                "You cannot delete the last version of a package.", "job-17"));

        String page = html("/audit");

        assertThat(page).contains("<caption>", "1 entry", "page <span>1</span> of <span>1</span>")
                .contains("<th scope=\"col\">When</th>", "<th scope=\"col\">Who</th>", "<th scope=\"col\">Digest</th>")
                .contains("datetime=\"2026-03-01T10:00:00Z\" title=\"2026-03-01 10:00:00 UTC\">")
                .contains(">octocat<", ">Delete version<", ">acme<", ">tools/cli<", ">987654321<")
                // The digest is abbreviated on screen; the whole of it is one hover or one click away.
                .contains(">sha256:0123456789ab…<", "title=\"" + DIGEST + "\"", "data-copy=\"" + DIGEST + "\"")
                .contains(">v1.2<", ">latest<", ">Refused<", ">You cannot delete the last version of a package.<", ">job-17<");
    }

    @Test
    void filtersFromTheQueryStringNarrowTheListAndStayInTheForm() throws Exception {
        record("octocat", "acme", "web", AuditAction.DELETE_VERSION, "2026-03-01T10:00:00Z");
        record("hubot", "acme", "api", AuditAction.RESTORE_VERSION, "2026-03-02T10:00:00Z");
        record("octocat", "other", "web", AuditAction.DELETE_VERSION, "2026-03-03T10:00:00Z");

        String page = html("/audit?owner=acme&action=delete_version&from=2026-03-01&to=2026-03-01");

        assertThat(page).contains(">web<").doesNotContain(">api<").doesNotContain(">other<").contains("1 entry matches these filters")
                .contains("name=\"owner\" value=\"acme\"")
                .contains("value=\"DELETE_VERSION\" selected")
                .contains("name=\"from\" value=\"2026-03-01\"")
                .contains("href=\"/audit.csv?owner=acme&amp;action=delete_version&amp;from=2026-03-01&amp;to=2026-03-01\"");
        assertThat(html("/audit?package=api&actor=hubot")).contains(">api<").doesNotContain(">web<");
        // Filters match exactly, so the values already in the log are offered as suggestions.
        assertThat(page).contains("list=\"audit-owners\"", "<datalist id=\"audit-owners\"><option value=\"acme\"></option><option value=\"other\"></option></datalist>")
                .contains("<option value=\"hubot\"></option><option value=\"octocat\"></option>");
    }

    @Test
    void hostileTextIsShownAsTextNeverAsMarkup() throws Exception {
        String hostileOwner = "acme\"><script>alert(1)</script>";
        when(owners.owners(OCTOCAT)).thenReturn(List.of(new Owner(hostileOwner, OwnerType.ORGANIZATION, null)));
        auditLog.record(new AuditEntry(null, Instant.parse("2026-03-01T10:00:00Z"), "<b>mallory</b>",
                AuditAction.DELETE_VERSION, "acme\"><script>alert(1)</script>", "<script>alert(2)</script>", 1L,
                "sha256:<img src=x onerror=alert(3)>", List.of("<svg onload=alert(4)>"), AuditOutcome.FAILED,
                "'><iframe src=javascript:alert(5)>", "<i>job</i>"));

        String page = html("/audit");

        assertThat(page).doesNotContain("<script>alert", "<img src=x", "<svg onload", "<iframe", "<b>mallory", "<i>job");
        assertThat(page).contains("&lt;script&gt;alert(2)&lt;/script&gt;", "&lt;b&gt;mallory&lt;/b&gt;",
                "acme&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;svg onload=alert(4)&gt;",
                "&#39;&gt;&lt;iframe src=javascript:alert(5)&gt;");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "action=EXPLODE_EVERYTHING | Unknown action",
            "from=yesterday | 'From' is not a date",
            "to=2026-13-45 | 'To' is not a date",
            "page=0 | Page must be a whole number, 1 or more.",
            "page=abc | Page must be a whole number, 1 or more.",
            "page=99999999999 | Page must be a whole number, 1 or more.",
            "size=100000 | Page size must be a whole number from 1 to 500.",
            "from=2026-03-02&to=2026-03-01 | is after the 'To' date"})
    void badFiltersAnswer400WithAClearMessageNotAStackTrace(String query, String message) throws Exception {
        record("octocat", "acme", "web", AuditAction.DELETE_VERSION, "2026-03-01T10:00:00Z");

        String page = mvc.perform(get("/audit?" + query))
                .andExpect(status().isBadRequest())
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("These filters cannot be used", message.replace("'", "&#39;"))
                .contains("name=\"owner\"")
                .doesNotContain("Exception", "<table");
    }

    @Test
    void pagesLinkToEachOtherKeepingTheFilters() throws Exception {
        for (int day = 1; day <= 5; day++) {
            record("octocat", "acme", "pkg-" + day, AuditAction.DELETE_VERSION, "2026-03-0" + day + "T10:00:00Z");
        }
        record("octocat", "other", "elsewhere", AuditAction.DELETE_VERSION, "2026-03-09T10:00:00Z");

        String first = html("/audit?owner=acme&size=2");
        String second = html("/audit?owner=acme&size=2&page=2");
        String last = html("/audit?owner=acme&size=2&page=3");

        assertThat(first).contains(">pkg-5<", ">pkg-4<").doesNotContain(">pkg-3<", ">elsewhere<")
                .contains("5 entries match these filters", "Page 1 of 3")
                .contains("href=\"/audit?owner=acme&amp;size=2&amp;page=2\" rel=\"next\"").doesNotContain("rel=\"prev\"");
        assertThat(second).contains(">pkg-3<", ">pkg-2<")
                .contains("href=\"/audit?owner=acme&amp;size=2&amp;page=1\" rel=\"prev\"")
                .contains("href=\"/audit?owner=acme&amp;size=2&amp;page=3\" rel=\"next\"");
        assertThat(last).contains(">pkg-1<").doesNotContain("rel=\"next\"");
    }

    @Test
    void aPagePastTheEndPointsToTheLastPage() throws Exception {
        record("octocat", "acme", "web", AuditAction.DELETE_VERSION, "2026-03-01T10:00:00Z");

        String page = html("/audit?page=7");

        assertThat(page).contains("There is no page <span>7</span>", "href=\"/audit?page=1\">1</a>").doesNotContain("<table");
    }

    @Test
    void csvExportIsAnAttachmentWithEveryMatchingRow() throws Exception {
        for (int i = 0; i < AuditQuery.DEFAULT_SIZE + 5; i++) {
            record("octocat", "acme", "web", AuditAction.DELETE_VERSION, "2026-03-01T10:00:00Z");
        }
        record("octocat", "other", "=1+1", AuditAction.DELETE_VERSION, "2026-03-02T10:00:00Z");

        var response = mvc.perform(get("/audit.csv?owner=acme&page=1&size=1"))
                .andExpect(status().isOk())
                .andExpect(content().contentType("text/csv;charset=UTF-8"))
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.matchesPattern(
                        "attachment; filename=\"audit-log-\\d{4}-\\d{2}-\\d{2}\\.csv\"")))
                .andReturn().getResponse();

        List<String> lines = List.of(response.getContentAsString().split("\r\n"));
        assertThat(lines).hasSize(1 + AuditQuery.DEFAULT_SIZE + 5);
        assertThat(lines.get(0)).startsWith("id,occurred_at,actor,action,owner,package");
        assertThat(lines.subList(1, lines.size())).allSatisfy(line -> assertThat(line).contains(",acme,web,"));

        String other = mvc.perform(get("/audit.csv?owner=other")).andReturn().getResponse().getContentAsString();
        assertThat(other).contains(",other,'=1+1,");
    }

    @Test
    void csvWithBadFiltersAnswers400InWords() throws Exception {
        String body = mvc.perform(get("/audit.csv?action=nope&from=soon"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("text/plain"))
                .andExpect(header().doesNotExist("Content-Disposition"))
                .andReturn().getResponse().getContentAsString();

        assertThat(body).contains("not exported", "Unknown action", "'From' is not a date").doesNotContain("Exception");
    }

    @ParameterizedTest
    @CsvSource({"POST", "PUT", "PATCH", "DELETE"})
    void nothingCanEditOrRemoveEntries(String method) throws Exception {
        AuditEntry entry = record("octocat", "acme", "web", AuditAction.DELETE_VERSION, "2026-03-01T10:00:00Z");
        List<AuditEntry> before = auditLog.search(AuditQuery.all()).entries();
        HttpMethod httpMethod = HttpMethod.valueOf(method);

        for (String path : List.of("/audit", "/audit.csv")) {
            mvc.perform(request(httpMethod, path).param("id", entry.id().toString()).param("actor", "mallory"))
                    .andExpect(status().isForbidden());
            mvc.perform(request(httpMethod, path).with(csrf()).param("id", entry.id().toString()).param("actor", "mallory"))
                    .andExpect(status().isMethodNotAllowed());
        }
        mvc.perform(request(httpMethod, "/audit/" + entry.id()).with(csrf()).param("actor", "mallory"))
                .andExpect(status().is4xxClientError());

        assertThat(auditLog.search(AuditQuery.all()).entries()).isEqualTo(before);
    }

    private String html(String url) throws Exception {
        return mvc.perform(get(url))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    private AuditEntry record(String actor, String owner, String packageName, AuditAction action, String at) {
        return auditLog.record(new AuditEntry(null, Instant.parse(at), actor, action, owner, packageName, 1L,
                "sha256:0", List.of(), AuditOutcome.SUCCEEDED, null, null));
    }
}
