package dev.ghcrdashboard.common;

/**
 * Markup one of the dashboard's own templates produced ({@link FragmentRendering}): every text in it was escaped when
 * it was rendered, so a page may write it as it is ({@code gd:html="${…}"}). Nothing else makes one, so writing
 * unescaped markup stays closed to strings (templates never use {@code th:utext}).
 */
public final class RenderedHtml {

    private final String markup;

    RenderedHtml(String markup) {
        this.markup = markup;
    }

    String markup() {
        return markup;
    }

    /** Characters of markup, what a cache of renderings weighs. */
    public int length() {
        return markup.length();
    }
}
