package dev.ghcrdashboard.support;

import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a person notices about a page besides its content, measured in the browser: whether it is wider than the
 * window (sideways scrolling), how many table rows show without scrolling, and what axe-core (the npm package's
 * script, vendored under src/test/resources/axe-core with its licence) finds against WCAG 2.1 A/AA.
 */
public final class PageCheck {

    /** The two windows every page is checked at: a laptop and a phone. */
    public enum Viewport {
        DESKTOP(1280, 800), PHONE(390, 844);

        public final int width;
        public final int height;

        Viewport(int width, int height) {
            this.width = width;
            this.height = height;
        }
    }

    /** One axe rule a page breaks, with where. */
    public record Violation(String rule, String impact, String help, List<String> targets) {
        @Override
        public String toString() {
            return impact + " " + rule + " (" + help + ") at " + targets;
        }
    }

    private static final String AXE = readAxe();

    private PageCheck() {
    }

    /** The document's width in CSS pixels: more than the window's means the page scrolls sideways. */
    public static int documentWidth(Page page) {
        return ((Number) page.evaluate("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")).intValue();
    }

    /** Rows of {@code selector} whose whole height is inside the window as the page first shows (scrolled to the top). */
    public static int rowsVisible(Page page, String selector) {
        return ((Number) page.evaluate("""
                selector => { window.scrollTo(0, 0);
                  return [...document.querySelectorAll(selector)].filter(row => {
                    const box = row.getBoundingClientRect();
                    return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight; }).length; }""",
                selector)).intValue();
    }

    /**
     * The serious and critical WCAG 2.1 A/AA violations axe-core finds on the page as it is now. The script is
     * evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern, so the
     * page is checked with its real policy in force.
     */
    @SuppressWarnings("unchecked")
    public static List<Violation> seriousAccessibilityViolations(Page page) {
        if (!Boolean.TRUE.equals(page.evaluate("() => typeof window.axe === 'object'"))) {
            page.evaluate("() => { " + AXE + "\n}");
        }
        List<Map<String, Object>> found = (List<Map<String, Object>>) page.evaluate("""
                async () => {
                  const result = await window.axe.run(document, {
                    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
                    resultTypes: ['violations'] });
                  return result.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => ({ rule: v.id, impact: v.impact, help: v.help,
                                 targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')) }));
                }""");
        List<Violation> violations = new ArrayList<>();
        for (Map<String, Object> v : found) {
            violations.add(new Violation((String) v.get("rule"), (String) v.get("impact"), (String) v.get("help"),
                    ((List<Object>) v.get("targets")).stream().map(String::valueOf).toList()));
        }
        return violations;
    }

    private static String readAxe() {
        try (InputStream in = PageCheck.class.getResourceAsStream("/axe-core/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe-core/axe.min.js is missing from the test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
