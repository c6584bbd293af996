package dev.ghcrdashboard.common;

import org.springframework.stereotype.Component;

/** Formatting helpers for templates ({@code ${@fmt.size(bytes)}}); Thymeleaf 3.1 forbids static {@code T(…)} calls. */
@Component("fmt")
class Formats {

    public String size(long bytes) {
        return Sizes.human(bytes);
    }
}
