package dev.ghcrdashboard.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.thymeleaf.context.Context;
import org.thymeleaf.exceptions.TemplateProcessingException;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.StringTemplateResolver;

/** Kept renderings go on a page as markup; nothing else written through {@code gd:html} escapes escaping. */
class RenderedHtmlDialectTest {

    private static final String PAGE = "<main><th:block gd:html=\"${area}\"></th:block><p th:text=\"${after}\">x</p></main>";

    private final SpringTemplateEngine engine = engine();

    @Test
    void aRenderingIsWrittenAsTheMarkupItIs() {
        var rendered = new RenderedHtml("<table><tr><td>&lt;script&gt;</td></tr></table>");

        assertThat(render(Map.of("area", rendered, "after", "<b>")))
                .isEqualTo("<main><table><tr><td>&lt;script&gt;</td></tr></table><p>&lt;b&gt;</p></main>");
    }

    @Test
    void nothingIsWrittenWithoutOne() {
        assertThat(render(Map.of("after", "end"))).isEqualTo("<main><p>end</p></main>");
    }

    @Test
    void aStringIsRefusedNotWrittenUnescaped() {
        assertThatThrownBy(() -> render(Map.of("area", "<script>alert(1)</script>", "after", "")))
                .isInstanceOf(TemplateProcessingException.class)
                .hasStackTraceContaining("rendered markup only");
    }

    private String render(Map<String, Object> variables) {
        Context context = new Context();
        context.setVariables(variables);
        return engine.process(PAGE, context);
    }

    private static SpringTemplateEngine engine() {
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(new StringTemplateResolver());
        engine.addDialect(new RenderedHtmlDialect());
        return engine;
    }
}
