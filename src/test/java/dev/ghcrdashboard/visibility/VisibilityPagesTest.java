package dev.ghcrdashboard.visibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.ghcrdashboard.github.AccessToken;
import dev.ghcrdashboard.github.ContainerPackage;
import dev.ghcrdashboard.github.GitHubNotFoundException;
import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.github.OwnerType;
import dev.ghcrdashboard.github.Visibility;
import dev.ghcrdashboard.common.NotFoundException;
import dev.ghcrdashboard.owners.OwnerDirectory;
import dev.ghcrdashboard.security.CurrentUser;
import dev.ghcrdashboard.security.SignedInUser;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(controllers = {ChangeController.class, VisibilityController.class},
        properties = {"spring.security.oauth2.client.registration.github.client-id=test-client",
                "spring.security.oauth2.client.registration.github.client-secret=test-secret"})
@Import(SettingsPages.class)
@WithMockUser("alice")
class VisibilityPagesTest {

    private static final Owner ACME = new Owner("acme", OwnerType.ORGANIZATION, null);
    private static final SignedInUser ALICE = new SignedInUser("alice", new AccessToken("gho_secret_token_value"), Set.of("read:packages"));
    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");
    private static final String HOSTILE = "tools/<script>alert(1)</script>";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    CurrentUser currentUser;
    @MockitoBean
    OwnerDirectory owners;
    @MockitoBean
    VisibilityChanges changes;
    @MockitoBean
    VisibilityQueues queues;
    @MockitoBean
    VisibilityDrift drift;
    @MockitoBean
    VisibilityProofs proofs;
    @MockitoBean
    PackageVisibilitySource source;

    @BeforeEach
    void signedInAsAlice() {
        when(currentUser.get(any())).thenReturn(Optional.of(ALICE));
        when(owners.require(ALICE, "acme")).thenReturn(ACME);
        when(owners.require(eq(ALICE), argThat(login -> !"acme".equals(login))))
                .thenThrow(new NotFoundException("You are not a member of that organization."));
        // Resolving and checking an administered owner goes through the two stubs above (requireAdmin lets Alice in).
        when(owners.requireAdministered(any(), any(), any())).thenCallRealMethod();
        when(source.current(eq(ACME), any(), eq(ALICE.token()))).thenAnswer(call -> new ContainerPackage(1,
                call.getArgument(1), ACME, Visibility.PRIVATE, "acme/app", false, 3, T0, T0, null));
    }

    /** The page at {@code path}, which must answer 200. */
    private String page(String path) throws Exception {
        return mvc.perform(get(path)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private static VisibilityChange waiting(long id, String name) {
        return VisibilityChange.start("acme", OwnerType.ORGANIZATION, name, Visibility.PUBLIC, "alice", T0,
                Duration.ofMinutes(15)).withId(id);
    }

    @Test
    void handOffPageLinksToTheExactGitHubSettingsPage() throws Exception {
        when(changes.find(5)).thenReturn(Optional.of(waiting(5, "tools/cli")));

        String html = page("/owners/acme/visibility/changes/5");

        assertThat(html).contains("href=\"https://github.com/orgs/acme/packages/container/tools%2Fcli/settings\"");
        assertThat(html).contains("Waiting for GitHub");
        assertThat(html).contains("hx-get=\"/owners/acme/visibility/changes/5/status?seen=5.WAITING.null.false\"");
        assertThat(html).doesNotContain("gho_secret_token_value");
        verify(changes).keepWatching(5, ALICE.token());
    }

    @Test
    void handOffPageEscapesAHostilePackageName() throws Exception {
        when(changes.find(6)).thenReturn(Optional.of(waiting(6, HOSTILE)));

        String html = page("/owners/acme/visibility/changes/6");

        assertThat(html).doesNotContain("<script>alert(1)</script>");
        assertThat(html).contains("tools/&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(html).contains(
                "href=\"https://github.com/orgs/acme/packages/container/tools%2F%3Cscript%3Ealert(1)%3C%2Fscript%3E/settings\"");
    }

    @Test
    void makingPublicAPackageBuiltFromAPrivateRepositoryWarnsBeforeTheHandOff() throws Exception {
        when(changes.find(5)).thenReturn(Optional.of(waiting(5, "leaky")));
        when(source.current(ACME, "leaky", ALICE.token())).thenReturn(
                new ContainerPackage(1, "leaky", ACME, Visibility.PRIVATE, "acme/secrets", true, 3, T0, T0, null));

        String html = page("/owners/acme/visibility/changes/5");

        assertThat(html).contains("id=\"private-repository-warning\"", "built from a private repository", ">acme/secrets<");
        // The warning comes before the link that hands the person over to GitHub.
        assertThat(html.indexOf("private-repository-warning")).isLessThan(html.indexOf("id=\"settings-link\""));
    }

    @Test
    void aPackageFromAPublicRepositoryIsHandedOffWithoutThatWarning() throws Exception {
        when(changes.find(5)).thenReturn(Optional.of(waiting(5, "app")));

        String html = page("/owners/acme/visibility/changes/5");

        assertThat(html).contains("id=\"settings-link\"").doesNotContain("private-repository-warning");
    }

    @Test
    void pollingAnUnchangedChangeSwapsNothing() throws Exception {
        when(changes.find(5)).thenReturn(Optional.of(waiting(5, "tools/cli")));

        mvc.perform(get("/owners/acme/visibility/changes/5/status").param("seen", "5.WAITING.null.false")
                .header("HX-Request", "true")).andExpect(status().isNoContent());
        mvc.perform(get("/owners/acme/visibility/changes/5/status").param("seen", "5.WAITING.PRIVATE.false")
                .header("HX-Request", "true")).andExpect(status().isOk());
    }

    @Test
    void finishedChangeStopsPollingAndSaysWhatHappened() throws Exception {
        var verified = waiting(7, "app").reportedTarget(new PullProof(true, "manifest readable", T0.plusSeconds(9)),
                T0.plusSeconds(9), Duration.ofSeconds(30));
        when(changes.find(7)).thenReturn(Optional.of(verified));

        String html = mvc.perform(get("/owners/acme/visibility/changes/7/status").header("HX-Request", "true"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(html).contains("Verified.").contains("anonymous pull").doesNotContain("hx-get");
    }

    @Test
    void changeOfAnotherOwnerIsNotFound() throws Exception {
        var elsewhere = VisibilityChange.start("other", OwnerType.USER, "app", Visibility.PUBLIC, "alice", T0,
                Duration.ofMinutes(15)).withId(8);
        when(changes.find(8)).thenReturn(Optional.of(elsewhere));

        mvc.perform(get("/owners/acme/visibility/changes/8")).andExpect(status().isNotFound());
    }

    @Test
    void unknownOwnerIsNotFound() throws Exception {
        mvc.perform(get("/owners/nobody/visibility/changes/1")).andExpect(status().isNotFound());
    }

    @Test
    void startingAChangeNeedsCsrfAndLeadsToTheHandOffPage() throws Exception {
        when(changes.start(eq(ACME), eq("tools/cli"), eq(Visibility.PUBLIC), any()))
                .thenReturn(new VisibilityChanges.StartedChange(waiting(9, "tools/cli"), URI.create("https://x")));

        mvc.perform(post("/owners/acme/visibility/change").param("name", "tools/cli").param("target", "public"))
                .andExpect(status().isForbidden());
        verify(changes, never()).start(any(), any(), any(), any());

        mvc.perform(post("/owners/acme/visibility/change").param("name", "tools/cli").param("target", "public")
                        .with(csrf()))
                .andExpect(redirectedUrl("/owners/acme/visibility/changes/9"));
        verify(source).current(ACME, "tools/cli", ALICE.token());
    }

    @Test
    void onlyPublicOrPrivateAreAcceptedAsTargets() throws Exception {
        mvc.perform(post("/owners/acme/visibility/change").param("name", "app").param("target", "internal")
                .with(csrf())).andExpect(status().isBadRequest());
    }

    @Test
    void ownerPageListsDangerFirstEscapesNamesAndOffersTheFix() throws Exception {
        var leaky = new ContainerPackage(1, "secret", ACME, Visibility.PUBLIC, "acme/secret", true, 1, T0, T0, null);
        var hostile = new ContainerPackage(2, HOSTILE, ACME, Visibility.PRIVATE, null, null, 1, T0, T0, null);
        var findings = DriftAnalysis.analyse(List.of(leaky, hostile), List.of(), Map.of());
        var proof = new StoredProof("acme", "secret", new PullProof(true, "manifest readable", T0));
        var run = new DriftRun("acme", T0, "PAGE", 2, findings);
        when(drift.check(ACME, ALICE)).thenReturn(
                new VisibilityDrift.DriftReport(ACME, List.of(leaky, hostile), Map.of("secret", proof), run));
        when(drift.rules("acme")).thenReturn(List.of());
        when(queues.open(ACME, ALICE)).thenReturn(List.of());

        String html = page("/owners/acme/visibility");

        assertThat(html).doesNotContain("<script>alert(1)</script>");
        assertThat(html).contains("Public package built from the private repository acme/secret");
        assertThat(html).contains("action=\"/owners/acme/visibility/change?name=secret&amp;target=private\"");
        assertThat(html).contains("anonymous pull works");
        assertThat(html).contains("No rules yet");
    }

    @Test
    void queuePageShowsProgress() throws Exception {
        var verified = waiting(10, "a").reportedTarget(new PullProof(true, "ok", T0), T0, Duration.ofSeconds(30));
        var queue = new GuidedQueue(3, "acme", OwnerType.ORGANIZATION, "alice", Visibility.PUBLIC, T0, null, List.of(
                new GuidedQueue.Item(0, "a", verified, false),
                new GuidedQueue.Item(1, "b", waiting(11, "b"), false),
                new GuidedQueue.Item(2, "c", null, false)));
        when(queues.find(3, ACME, ALICE)).thenReturn(Optional.of(queue));

        String html = page("/owners/acme/visibility/queue/3");

        assertThat(html).contains("1 of 3 verified");
        assertThat(html).contains("href=\"https://github.com/orgs/acme/packages/container/b/settings\"");
        assertThat(html).contains("hx-get=\"/owners/acme/visibility/queue/3/status?seen=");
        verify(changes).keepWatching(11, ALICE.token());
    }

    @Test
    void previousScheduledRunIsShownAndCsvIsFormulaSafe() throws Exception {
        var hostile = new ContainerPackage(2, "=cmd", ACME, Visibility.PUBLIC, "acme/x", true, 1, T0, T0, null);
        var findings = DriftAnalysis.analyse(List.of(hostile), List.of(), Map.of());
        var run = new DriftRun("acme", T0, "PAGE", 1, findings);
        when(drift.latestRun("acme")).thenReturn(Optional.of(new DriftRun("acme", T0.minusSeconds(3600), "SCHEDULE", 1,
                findings)));
        when(drift.check(ACME, ALICE)).thenReturn(
                new VisibilityDrift.DriftReport(ACME, List.of(hostile), Map.of(), run));
        when(drift.rules("acme")).thenReturn(List.of());
        when(queues.open(ACME, ALICE)).thenReturn(List.of());

        String html = page("/owners/acme/visibility");
        assertThat(html).containsPattern("Previous check\\s+\\(<span>scheduled</span>\\)\\s+<time datetime=\"2026-11-27T07:00:00Z\"")
                .contains(">1 finding, 1 dangerous.<");

        var csv = mvc.perform(get("/owners/acme/visibility.csv")).andExpect(status().isOk()).andReturn().getResponse();
        assertThat(csv.getContentType()).startsWith("text/csv");
        assertThat(csv.getContentAsString()).contains("\"'=cmd\",\"DANGER\"").doesNotContain(",\"=cmd");
    }

    @Test
    void recheckWithHtmxReturnsTheRefreshedBadgeOnly() throws Exception {
        var proof = new StoredProof("acme", "tools/cli", new PullProof(true, "manifest readable", T0));
        when(proofs.recheck("acme", "tools/cli")).thenReturn(proof);
        when(source.current(ACME, "tools/cli", ALICE.token())).thenReturn(
                new ContainerPackage(1, "tools/cli", ACME, Visibility.PRIVATE, null, null, 1, T0, T0, null));

        String html = mvc.perform(post("/owners/acme/visibility/proof").param("name", "tools/cli")
                        .header("HX-Request", "true").with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(html).doesNotContain("<html").contains("anonymous pull works")
                .contains("Disagrees: GitHub says private but anyone can pull it");

        mvc.perform(post("/owners/acme/visibility/proof").param("name", "tools/cli").with(csrf()))
                .andExpect(redirectedUrl("/owners/acme/visibility"));
    }

    @Test
    void recheckOfAPackageThisPersonCannotSeeProvesAndStoresNothing() throws Exception {
        when(source.current(ACME, "ghost", ALICE.token())).thenThrow(new GitHubNotFoundException("package acme/ghost"));

        mvc.perform(post("/owners/acme/visibility/proof").param("name", "ghost").with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/owners/acme/visibility/proof").param("name", "ghost").header("HX-Request", "true").with(csrf()))
                .andExpect(status().isNotFound());

        verify(proofs, never()).recheck(any(), any());
    }

    @Test
    void recheckWhileTheRegistryIsDownKeepsThePreviousProofAndSaysWhy() throws Exception {
        when(source.current(ACME, "web", ALICE.token())).thenReturn(
                new ContainerPackage(2, "web", ACME, Visibility.PUBLIC, null, null, 1, T0, T0, null));
        when(proofs.recheck("acme", "web")).thenThrow(new ProofUnavailableException("acme/web", new IllegalStateException("connection refused")));
        when(proofs.latest("acme", "web")).thenReturn(
                Optional.of(new StoredProof("acme", "web", new PullProof(true, "manifest readable", T0))));

        String fragment = mvc.perform(post("/owners/acme/visibility/proof").param("name", "web")
                        .header("HX-Request", "true").with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(fragment).contains("Could not check now: the registry did not answer.")
                .contains("anonymous pull works").doesNotContain("Disagrees");

        String page = mvc.perform(post("/owners/acme/visibility/proof").param("name", "web").with(csrf()))
                .andExpect(status().isServiceUnavailable()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("The registry is not answering").doesNotContain("connection refused");
    }
}
