package dev.ghcrdashboard.support;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real browser per test class, opened before the first test and closed after the last:
 * {@code @RegisterExtension static final BrowserSession browser = new BrowserSession();}
 */
public final class BrowserSession implements BeforeAllCallback, AfterAllCallback {

    private Browser browser;

    @Override
    public void beforeAll(ExtensionContext context) {
        browser = Browser.launch();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    /** A fresh page in its own browser context (own cookies). */
    public Page newPage() {
        return browser.newPage();
    }
}
