package dev.ghcrdashboard.packages;

import dev.ghcrdashboard.github.ContainerPackage;
import java.util.List;

/** One page of an owner's packages after search, filter and sort. */
record PackageListing(List<ContainerPackage> packages, int page, int pageCount, int matching, int total) {

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < pageCount;
    }
}
