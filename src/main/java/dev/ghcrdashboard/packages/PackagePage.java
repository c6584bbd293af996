package dev.ghcrdashboard.packages;

import java.util.List;

/** A package page's version table after filtering and paging, with the analysis behind it. */
record PackagePage(
        PackageAnalysis analysis,
        List<VersionRow> rows,
        VersionFilter filter,
        String tagSearch,
        int page,
        int pageCount,
        int matchingRoots) {

    public static final int ROOTS_PER_PAGE = 30;

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < pageCount;
    }
}
