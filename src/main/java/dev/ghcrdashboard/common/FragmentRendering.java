package dev.ghcrdashboard.common;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.View;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * Renders a template fragment to markup, with everything a page has (links, beans, dialects), so the part of a page
 * that is the same for everyone can be rendered once and kept ({@link RenderedHtml}).
 */
@Component
public final class FragmentRendering {

    private final ThymeleafViewResolver views;

    FragmentRendering(ThymeleafViewResolver views) {
        this.views = views;
    }

    /** {@code fragment} ("template :: name") rendered with {@code model} for the request being served. */
    public RenderedHtml render(String fragment, Map<String, Object> model, HttpServletRequest request, HttpServletResponse response) {
        try {
            View view = views.resolveViewName(fragment, request.getLocale());
            if (view == null) {
                throw new IllegalStateException("no view for " + fragment);
            }
            Capture capture = new Capture(response);
            view.render(model, request, capture);
            return new RenderedHtml(capture.text());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            // View.render declares Exception; what it throws in practice are template errors, unchecked already.
            throw new IllegalStateException("rendering " + fragment + " failed", e);
        }
    }

    /** A response whose text is kept in memory; nothing reaches the real response. */
    private static final class Capture extends HttpServletResponseWrapper {

        private final StringWriter text = new StringWriter();
        private final PrintWriter writer = new PrintWriter(text);

        Capture(HttpServletResponse response) {
            super(response);
        }

        String text() {
            writer.flush();
            return text.toString();
        }

        @Override
        public PrintWriter getWriter() {
            return writer;
        }

        @Override
        public ServletOutputStream getOutputStream() {
            throw new IllegalStateException("a rendering is captured as text");
        }

        @Override
        public void setContentType(String type) {
            // the real response has its own
        }

        @Override
        public void setCharacterEncoding(String charset) {
            // the real response has its own
        }

        @Override
        public void setLocale(Locale locale) {
            // the real response has its own
        }

        @Override
        public void flushBuffer() {
            writer.flush();
        }

        @Override
        public boolean isCommitted() {
            return false;
        }
    }
}
