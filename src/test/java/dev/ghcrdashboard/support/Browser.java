package dev.ghcrdashboard.support;

import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.ghcrdashboard.ServiceRequirement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A real Chromium (Debian's {@code /usr/bin/chromium}) driven by Playwright, for one
 * {@link SimulatorBackedTest} class:
 * <pre>
 * &#64;RegisterExtension
 * static final Browser browser = new Browser();
 * </pre>
 * It starts before the class's first test and closes after its last. A missing Chromium skips the class
 * on a laptop and fails it in CI. Every page is in a context of its own (own cookies), so each test
 * signs in afresh through the real OAuth redirects, and resolves relative addresses against the
 * dashboard ({@code page.navigate("/audit")}).
 */
public final class Browser implements BeforeAllCallback, AfterAllCallback {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /**
     * For text that waits on the dashboard's background work (a job, a policy run, the visibility watcher): a minute,
     * as on a loaded machine.
     */
    public static final LocatorAssertions.ContainsTextOptions LONG_WAIT = new LocatorAssertions.ContainsTextOptions().setTimeout(60_000);

    private Playwright playwright;
    private com.microsoft.playwright.Browser chromium;
    private Dashboard dashboard;

    @Override
    public void beforeAll(ExtensionContext context) {
        ServiceRequirement.assume(Files.isExecutable(CHROMIUM), "Chromium at " + CHROMIUM + " (apt-get install chromium)");
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        chromium = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-quic", "--no-first-run")));
        dashboard = SpringExtension.getApplicationContext(context).getBean(Dashboard.class);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (chromium != null) {
            chromium.close();
            chromium = null;
        }
        if (playwright != null) {
            playwright.close();
            playwright = null;
        }
    }

    /** A fresh page in its own context (own cookies), sized like a laptop screen. */
    public Page newPage() {
        var context = chromium.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(1280, 900)
                .setBaseURL(dashboard.url()));
        context.setDefaultTimeout(20_000);
        return context.newPage();
    }

    /** A fresh page in its own context, with a window of the given size. */
    public Page newPage(PageCheck.Viewport viewport) {
        Page page = newPage();
        page.setViewportSize(viewport.width, viewport.height);
        return page;
    }

    /** The dashboard's absolute address of {@code path}, as the page's URL shows it. */
    public String url(String path) {
        return dashboard.url(path);
    }

    /** Waits until the page is on the dashboard at {@code path} (any query after it). */
    public void waitForPath(Page page, String path) {
        page.waitForURL(url -> url.startsWith(dashboard.url(path)));
    }

    /**
     * On the dashboard's page that explains an extra permission ("Allow deleting packages"): asks GitHub for it, sees
     * GitHub's page name {@code scope}, authorizes as {@code login}, and waits to be back on the dashboard at {@code path}.
     */
    public void grantPermission(Page page, String login, String scope, String path) {
        page.locator("#grant-permission").click();
        page.waitForURL(url -> url.contains("/login/oauth/authorize"));
        PlaywrightAssertions.assertThat(page.locator("body")).containsText(scope);
        authorizeOnGitHub(page, login);
        waitForPath(page, path);
    }

    /** A fresh page, signed in as {@code login}. */
    public Page signedIn(String login) {
        Page page = newPage();
        signIn(page, login);
        return page;
    }

    /**
     * Signs in through the real OAuth redirects: dashboard → simulator's authorize page → pick the
     * user → authorize → back on the dashboard.
     */
    public void signIn(Page page, String login) {
        page.navigate("/");
        page.getByText("Sign in with GitHub").first().click();
        authorizeOnGitHub(page, login);
        page.waitForURL(url -> url.startsWith(dashboard.url()) && !url.contains("/login"));
    }

    /**
     * On the simulator's authorize page the dashboard sent the browser to (to sign in, or to grant a
     * further scope), {@code login} picks themselves and authorizes.
     */
    public static void authorizeOnGitHub(Page page, String login) {
        page.waitForURL(url -> url.contains("/login/oauth/authorize"));
        page.locator("input[name=login][value='" + login + "']").check();
        page.locator("#authorize").click();
    }

    /** Saves a full-page screenshot under target/screenshots/NAME.png and returns its path. */
    public static Path screenshot(Page page, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path file = SCREENSHOTS.resolve(name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        return file;
    }
}
