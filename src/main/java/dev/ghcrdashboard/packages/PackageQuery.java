package dev.ghcrdashboard.packages;

import dev.ghcrdashboard.github.Visibility;
import java.util.Locale;

/**
 * What a person asked of a package list: a name search, a visibility filter, an order and a page.
 * Unknown values are rejected up front so a typo in the URL gets a clear answer, not an empty list.
 */
record PackageQuery(String search, Visibility visibility, Sort sort, int page) {

    public static final int PAGE_SIZE = 25;

    public enum Sort { NAME, UPDATED }

    public PackageQuery {
        search = search == null ? "" : search.strip();
        sort = sort == null ? Sort.UPDATED : sort;
        if (page < 1) {
            throw new IllegalArgumentException("page must be 1 or more");
        }
        if (search.length() > 200) {
            throw new IllegalArgumentException("search is limited to 200 characters");
        }
    }

    /** Parses request parameters; throws {@link IllegalArgumentException} with a presentable message. */
    public static PackageQuery parse(String search, String visibility, String sort, String page) {
        Visibility parsedVisibility = null;
        if (visibility != null && !visibility.isBlank() && !"all".equalsIgnoreCase(visibility)) {
            try {
                parsedVisibility = Visibility.fromApi(visibility.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Visibility must be public, private, internal or all.");
            }
        }
        Sort parsedSort = Sort.UPDATED;
        if (sort != null && !sort.isBlank()) {
            try {
                parsedSort = Sort.valueOf(sort.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Sort must be name or updated.");
            }
        }
        int parsedPage = 1;
        if (page != null && !page.isBlank()) {
            try {
                parsedPage = Integer.parseInt(page.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Page must be a whole number.");
            }
            if (parsedPage < 1) {
                throw new IllegalArgumentException("Page must be 1 or more.");
            }
        }
        return new PackageQuery(search, parsedVisibility, parsedSort, parsedPage);
    }
}
