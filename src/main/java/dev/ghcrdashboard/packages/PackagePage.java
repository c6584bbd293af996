package dev.ghcrdashboard.packages;

import java.util.List;

/**
 * A package page's version table after filtering and paging, with the analysis behind it.
 *
 * @param unplacedUntagged untagged versions left out while the analysis runs because nothing placed them yet
 */
record PackagePage(
        PackageAnalysis analysis,
        List<VersionRow> rows,
        VersionFilter filter,
        String tagSearch,
        int page,
        int pageCount,
        int matchingRoots,
        int unplacedUntagged) {

    public static final int ROOTS_PER_PAGE = 30;

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < pageCount;
    }
}
