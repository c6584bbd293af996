package dev.ghcrdashboard.support;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.BrowserType;
import dev.ghcrdashboard.ServiceRequirement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A real Chromium (Debian's {@code /usr/bin/chromium}) driven by Playwright, one per test class.
 * Missing Chromium skips the test on a laptop and fails it in CI.
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser browser;

    private Browser(Playwright playwright, com.microsoft.playwright.Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    public static Browser launch() {
        ServiceRequirement.assume(Files.isExecutable(CHROMIUM), "Chromium at " + CHROMIUM + " (apt-get install chromium)");
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        var browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-quic", "--no-first-run")));
        return new Browser(playwright, browser);
    }

    /** A fresh page in its own context (own cookies), sized like a laptop screen. */
    public Page newPage() {
        var context = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(1280, 900));
        context.setDefaultTimeout(20_000);
        return context.newPage();
    }

    /**
     * Signs in through the real OAuth redirects: dashboard → simulator's authorize page → pick the
     * user → authorize → back on the dashboard.
     */
    public static void signIn(Page page, String dashboardUrl, String login) {
        page.navigate(dashboardUrl + "/");
        page.getByText("Sign in with GitHub").first().click();
        page.waitForURL(url -> url.contains("/login/oauth/authorize"));
        page.locator("input[name=login][value='" + login + "']").check();
        page.locator("#authorize").click();
        page.waitForURL(url -> url.startsWith(dashboardUrl) && !url.contains("/login"));
    }

    /** Saves a full-page screenshot under target/screenshots/NAME.png and returns its path. */
    public static Path screenshot(Page page, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Path file = SCREENSHOTS.resolve(name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        return file;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
