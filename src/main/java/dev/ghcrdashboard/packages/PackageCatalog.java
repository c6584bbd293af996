package dev.ghcrdashboard.packages;

import dev.ghcrdashboard.github.ContainerPackage;
import dev.ghcrdashboard.github.GitHubClient;
import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.security.SignedInUser;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Service;

/** An owner's container packages as the lists show them: searched, filtered, sorted and paged. */
@Service
record PackageCatalog(GitHubClient gitHub) {

    private static final Comparator<ContainerPackage> BY_NAME =
            Comparator.comparing(ContainerPackage::name, String.CASE_INSENSITIVE_ORDER);
    private static final Comparator<ContainerPackage> NEWEST_UPDATE_FIRST =
            Comparator.comparing(ContainerPackage::updatedAt, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
                    .thenComparing(BY_NAME);

    /** All of the owner's packages (GitHub pages followed; unchanged pages are answered from cache by ETag). */
    public List<ContainerPackage> all(SignedInUser user, Owner owner) {
        return gitHub.packages(owner, user.token());
    }

    public PackageListing list(SignedInUser user, Owner owner, PackageQuery query) {
        List<ContainerPackage> all = all(user, owner);
        String needle = query.search().toLowerCase(Locale.ROOT);
        List<ContainerPackage> matching = all.stream()
                .filter(p -> needle.isEmpty() || p.name().toLowerCase(Locale.ROOT).contains(needle))
                .filter(p -> query.visibility() == null || p.visibility() == query.visibility())
                .sorted(query.sort() == PackageQuery.Sort.NAME ? BY_NAME : NEWEST_UPDATE_FIRST)
                .toList();
        int pageCount = Math.max(1, (matching.size() + PackageQuery.PAGE_SIZE - 1) / PackageQuery.PAGE_SIZE);
        int page = Math.min(query.page(), pageCount);
        int from = (page - 1) * PackageQuery.PAGE_SIZE;
        List<ContainerPackage> pageItems = matching.subList(from, Math.min(matching.size(), from + PackageQuery.PAGE_SIZE));
        return new PackageListing(pageItems, page, pageCount, matching.size(), all.size());
    }
}
