package dev.ghcrdashboard.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import dev.ghcrdashboard.registry.JwtRegistryTokenIssuer;
import dev.ghcrdashboard.registry.OciPusher;
import dev.ghcrdashboard.registry.RealRegistry;
import dev.ghcrdashboard.simulator.Scenario;
import dev.ghcrdashboard.simulator.Simulator;
import dev.ghcrdashboard.simulator.SimulatorOptions;
import dev.ghcrdashboard.support.Browser;
import dev.ghcrdashboard.support.SimulatorBackedTest;
import dev.ghcrdashboard.support.SimulatorSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The anonymous-pull proof against a REAL registry (Debian's docker-registry with token auth): the
 * simulator plays GitHub and ghcr.io's token endpoint (it decides who may pull, and signs JWTs the
 * registry trusts); the images live in the real registry, pushed under the simulator's package
 * names. The dashboard's registry URL points at the real registry, so its Re-check button asks
 * the same questions a stranger's {@code docker pull} would.
 */
@SimulatorBackedTest(setup = VisibilityRealRegistryBrowserTest.RealRegistryBehindTheSimulator.class,
        properties = "ghcr-dashboard.visibility.poll-interval=300ms")
class VisibilityRealRegistryBrowserTest {

    private static final String SERVICE = "registry.visibility.test";

    @RegisterExtension
    static final Browser browser = new Browser();

    @Autowired
    Simulator github;

    /** The simulator with a token issuer the registry trusts, the registry, and three images pushed into it. */
    static final class RealRegistryBehindTheSimulator implements SimulatorSetup {

        private RealRegistry registry;

        @Override
        public Simulator start() {
            try {
                var keys = Files.createTempDirectory("visibility-registry-keys-");
                var issuer = JwtRegistryTokenIssuer.create(keys, "ghcr-simulator", SERVICE, Duration.ofMinutes(5));
                Simulator github = Simulator.start(Scenario.load("classpath:scenarios/visibility-real-registry.yml"),
                        SimulatorOptions.defaults().withTokenIssuer(issuer).withRegistryService(SERVICE));
                try {
                    registry = RealRegistry.start(new RealRegistry.TokenAuth(URI.create(github.baseUrl() + "/token"), SERVICE,
                            issuer.issuer(), issuer.certificate()));
                } catch (RuntimeException | Error missingOrBroken) {
                    github.close();
                    throw missingOrBroken;
                }
                var pusher = new OciPusher(registry.url(), repository -> issuer.issue("ci", repository, List.of("pull", "push")));
                pusher.pushMultiArchImage("acme/web", "1.0");
                pusher.pushMultiArchImage("acme/secret", "1.0");
                pusher.pushMultiArchImage("acme/tools/cli", "2.0");
                return github;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Map<String, String> properties(Simulator simulator) {
            return Map.of("ghcr-dashboard.registry.url", registry.url().toString());
        }

        @Override
        public void stop() {
            if (registry != null) {
                registry.close();
            }
        }
    }

    Page visibilityPage() {
        Page page = browser.signedIn("octocat");
        page.navigate("/owners/acme/visibility");
        return page;
    }

    static Locator row(Page page, String packageName) {
        return page.locator("tr:has(input[name=names][value='" + packageName + "'])");
    }

    static void recheck(Page page, String packageName) {
        row(page, packageName).locator("button.recheck").click();
    }

    @Test
    void reCheckSaysPublicIsPullableAndPrivateIsDeniedByTheRealRegistry() {
        Page page = visibilityPage();

        recheck(page, "web");
        assertThat(row(page, "web").locator(".proof")).containsText("anonymous pull works");
        recheck(page, "secret");
        assertThat(row(page, "secret").locator(".proof")).containsText("anonymous pull denied");
        assertThat(page.locator(".visibility-status", new Page.LocatorOptions().setHasText("Disagrees"))).hasCount(0);
        Browser.screenshot(page, "visibility-real-registry-proofs");

        // GitHub flips the package; the registry follows the token endpoint's new decision at once.
        github.control().setVisibility("acme", "secret", "public");
        recheck(page, "secret");
        assertThat(row(page, "secret").locator(".proof")).containsText("anonymous pull works");
        assertThat(row(page, "secret").locator(".badge").first()).hasText("public");
        github.control().setVisibility("acme", "secret", "private");
        recheck(page, "secret");
        assertThat(row(page, "secret").locator(".proof")).containsText("anonymous pull denied");
    }

    @Test
    void aGuidedChangeIsVerifiedByAnAnonymousPullFromTheRealRegistry() {
        Page page = visibilityPage();
        row(page, "tools/cli").locator("button", new Locator.LocatorOptions().setHasText("Make public")).click();
        page.waitForURL(Pattern.compile(".*/owners/acme/visibility/changes/\\d+$"));
        assertThat(page.locator("#change-status")).containsText("Waiting for GitHub");

        github.control().setVisibility("acme", "tools/cli", "public");

        Locator status = page.locator("#change-status");
        assertThat(status).containsText("Verified.", new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
        assertThat(status).containsText("an anonymous pull works");
        page.navigate("/owners/acme/visibility");
        assertThat(row(page, "tools/cli").locator(".proof")).containsText("anonymous pull works");
    }
}
