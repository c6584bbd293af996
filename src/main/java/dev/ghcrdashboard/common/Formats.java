package dev.ghcrdashboard.common;

import org.springframework.stereotype.Component;

/** Formatting helpers for templates ({@code ${@fmt.size(bytes)}}); Thymeleaf 3.1 forbids static {@code T(…)} calls. */
@Component("fmt")
class Formats {

    public String size(long bytes) {
        return Sizes.human(bytes);
    }

    /** A name or tag with hidden and reordering characters written out ({@link Names#visible}). */
    public String visible(String text) {
        return Names.visible(text);
    }

    /** Whether docker could pull this tag; the page flags the others. */
    public boolean validTag(String tag) {
        return Names.isValidTag(tag);
    }
}
