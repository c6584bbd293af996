package dev.ghcrdashboard.common;

import java.util.Set;

import org.springframework.stereotype.Component;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.dialect.AbstractProcessorDialect;
import org.thymeleaf.engine.AttributeName;
import org.thymeleaf.exceptions.TemplateProcessingException;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.processor.IProcessor;
import org.thymeleaf.processor.element.AbstractAttributeTagProcessor;
import org.thymeleaf.processor.element.IElementTagStructureHandler;
import org.thymeleaf.standard.expression.StandardExpressions;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * {@code gd:html="${value}"} replaces its element with a {@link RenderedHtml} (nothing when the value is null). Any
 * other value is refused: a string is never written unescaped.
 */
@Component
class RenderedHtmlDialect extends AbstractProcessorDialect {

    RenderedHtmlDialect() {
        super("ghcr-dashboard rendered markup", "gd", 1000);
    }

    @Override
    public Set<IProcessor> getProcessors(String prefix) {
        return Set.of(new WriteRendered(prefix));
    }

    private static final class WriteRendered extends AbstractAttributeTagProcessor {

        // Before the standard dialect's processors (precedence 1000 and up): the element is replaced, not processed.
        private static final int PRECEDENCE = 100;

        WriteRendered(String prefix) {
            super(TemplateMode.HTML, prefix, null, false, "html", true, PRECEDENCE, true);
        }

        @Override
        protected void doProcess(ITemplateContext context, IProcessableElementTag tag, AttributeName attributeName,
                                 String attributeValue, IElementTagStructureHandler structureHandler) {
            Object value = StandardExpressions.getExpressionParser(context.getConfiguration())
                    .parseExpression(context, attributeValue)
                    .execute(context);
            if (value == null) {
                structureHandler.removeElement();
            } else if (value instanceof RenderedHtml rendered) {
                structureHandler.replaceWith(rendered.markup(), false);
            } else {
                throw new TemplateProcessingException("gd:html writes rendered markup only, not a " + value.getClass().getSimpleName());
            }
        }
    }
}
