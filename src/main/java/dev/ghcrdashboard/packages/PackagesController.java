package dev.ghcrdashboard.packages;

import dev.ghcrdashboard.common.PackageNames;
import dev.ghcrdashboard.owners.OwnerAccess;
import dev.ghcrdashboard.owners.OwnerDirectory;
import dev.ghcrdashboard.github.ContainerPackage;
import dev.ghcrdashboard.github.GitHubLinks;
import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.registry.RegistryProperties;
import dev.ghcrdashboard.security.SignedInUser;
import dev.ghcrdashboard.common.BadRequestException;
import dev.ghcrdashboard.common.Paths;
import dev.ghcrdashboard.visibility.VisibilityProofs;
import dev.ghcrdashboard.visibility.VisibilityStatus;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The read side a person sees first: an owner's packages, a package's versions grouped under their
 * images, and a single version's manifest. Package names go in the path after {@code /packages/}
 * (nested names keep their slash) or, for version pages, in the {@code package} parameter. These pages
 * also open owners the person is not a member of, showing what GitHub shows them: the public packages
 * ({@link OwnerDirectory#requireReadable}); their templates then offer no action.
 */
@Controller
record PackagesController(OwnerDirectory owners, PackageCatalog catalog, PackageAnalyzer analyzer,
                          VersionDetails versionDetails, RegistryProperties registryProperties, Paths paths,
                          VisibilityProofs visibilityProofs, GitHubLinks gitHubLinks, ImagePlatforms imagePlatforms,
                          RenderedVersions renderedVersions) {

    /** The longest a page request waits for the first versions before it shows the package without them. */
    private static final Duration FIRST_PAINT_WAIT = Duration.ofMillis(1500);
    /** The storage chart reads every manifest of a package once; this many packages keep that bounded. */
    private static final int STORAGE_PACKAGES = 50;

    @GetMapping("/owners/{owner}/packages")
    String packages(@PathVariable String owner, SignedInUser user,
                    @RequestParam(required = false) String q,
                    @RequestParam(required = false) String visibility,
                    @RequestParam(required = false) String sort,
                    @RequestParam(required = false) String page,
                    HtmxRequest htmx,
                    Model model) {
        Owner resolved = readable(user, owner, model).owner();
        PackageQuery query;
        try {
            query = PackageQuery.parse(q, visibility, sort, page);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        model.addAttribute("owner", resolved);
        model.addAttribute("query", query);
        PackageListing listing = catalog.list(user, resolved, query);
        model.addAttribute("listing", listing);
        model.addAttribute("packageLinks", listing.packages().stream().collect(java.util.stream.Collectors.toMap(
                ContainerPackage::name, p -> paths.pkg(resolved.login(), p.name()), (a, b) -> a)));
        model.addAttribute("visibility", listing.packages().stream().collect(java.util.stream.Collectors.toMap(
                ContainerPackage::name, visibilityProofs::status, (a, b) -> a)));
        return htmx.isHtmxRequest() ? "packages/packages :: results" : "packages/packages";
    }

    /**
     * What an owner's packages take: compressed size, versions and untagged orphans per package. Analyses run in the
     * background (each manifest is read once and kept); an htmx request gets the chart and polls while they run.
     */
    @GetMapping("/owners/{owner}/storage")
    String storage(@PathVariable String owner, SignedInUser user, HtmxRequest htmx, Model model) {
        Owner resolved = readable(user, owner, model).owner();
        List<ContainerPackage> newestFirst = catalog.all(user, resolved).stream()
                .sorted(Comparator.comparing(ContainerPackage::updatedAt, Comparator.nullsLast(Comparator.<Instant>reverseOrder())))
                .toList();
        Map<String, Storage.Figures> figures = new LinkedHashMap<>();
        Map<String, String> links = new LinkedHashMap<>();
        boolean complete = true;
        for (ContainerPackage p : newestFirst.subList(0, Math.min(STORAGE_PACKAGES, newestFirst.size()))) {
            PackageAnalysis analysis = analyzer.analyse(user, resolved, p.name(), Duration.ZERO);
            Storage.Figures f = analysis == null ? Storage.Figures.NONE : Storage.Figures.of(analysis);
            complete &= f.complete();
            figures.put(p.name(), f);
            links.put(p.name(), paths.pkg(resolved.login(), p.name()));
        }
        model.addAttribute("owner", resolved);
        model.addAttribute("packagesPath", paths.packages(resolved.login()));
        model.addAttribute("bars", Storage.packageBars(figures, links));
        model.addAttribute("complete", complete);
        model.addAttribute("truncated", newestFirst.size() > STORAGE_PACKAGES);
        model.addAttribute("totalBytes", figures.values().stream().mapToLong(Storage.Figures::bytes).sum());
        model.addAttribute("orphanBytes", figures.values().stream().mapToLong(Storage.Figures::orphanBytes).sum());
        model.addAttribute("totalVersions", figures.values().stream().mapToInt(Storage.Figures::versions).sum());
        return htmx.isHtmxRequest() ? "packages/storage :: storage" : "packages/storage";
    }

    @GetMapping("/owners/{owner}/packages/{*name}")
    String containerPackage(@PathVariable String owner, @PathVariable String name, SignedInUser user,
                            @RequestParam(required = false) String show,
                            @RequestParam(required = false) String tag,
                            @RequestParam(defaultValue = "1") int page,
                            HtmxRequest htmx,
                            Model model, HttpServletRequest request, HttpServletResponse response) {
        Owner resolved = readable(user, owner, model).owner();
        String packageName = PackageNames.require(name.startsWith("/") ? name.substring(1) : name);
        VersionFilter filter;
        try {
            filter = VersionFilter.parse(show);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        if (page < 1) {
            // As the package list answers it: a page past the last shows the last, one before the first is a mistake.
            throw new BadRequestException("Page must be 1 or more.");
        }
        if (tag != null && tag.length() > 128) {
            throw new BadRequestException("A tag search is at most 128 characters (tags are never longer).");
        }
        // The package's facts and actions are on the page from the first paint, whatever the analysis has got
        // to; only the versions area fills in (htmx polls it, and the poll re-reads nothing about the package).
        PackageAnalyzer.PackageFacts facts = packageFacts(htmx, request);
        PackageAnalyzer.PackageView view = analyzer.view(user, resolved, packageName,
                htmx.isHtmxRequest() ? Duration.ZERO : FIRST_PAINT_WAIT, facts);
        ContainerPackage containerPackage = view.containerPackage();
        model.addAttribute("owner", resolved);
        model.addAttribute("packageName", packageName);
        model.addAttribute("packagePath", paths.pkg(resolved.login(), packageName));
        model.addAttribute("packagesPath", paths.packages(resolved.login()));
        if (!htmx.isHtmxRequest()) {
            VisibilityStatus visibility = visibilityProofs.status(containerPackage);
            if (visibility.disagrees() && facts == PackageAnalyzer.PackageFacts.RECENT) {
                // A disagreement is an alarm: it must not rest on GitHub's answer of up to a minute ago.
                containerPackage = analyzer.askedNow(user, resolved, packageName);
                visibility = visibilityProofs.status(containerPackage);
            }
            model.addAttribute("visibility", visibility);
            String repository = containerPackage.repository();
            model.addAttribute("repositoryUrl", repository == null ? null : gitHubLinks.repository(repository));
        }
        model.addAttribute("pkg", containerPackage);
        if (view.analysis() == null) {
            model.addAttribute("pkgPage", null);
        } else {
            PackagePage pkgPage = PackagePages.layout(view.analysis(), registryProperties.url().getAuthority(), resolved.login(),
                    paths, filter, tag, page);
            model.addAttribute("pkgPage", pkgPage);
            var key = new RenderedVersions.ViewKey(filter, tag, page, paths.pkg(resolved.login(), packageName));
            model.addAttribute("renderedVersions", renderedVersions.html(pkgPage, key, model.asMap(),
                    () -> imagePlatforms.of(user, resolved, packageName, pkgPage.rows()), request, response));
        }
        return htmx.isHtmxRequest() ? "packages/package-detail :: versions" : "packages/package-detail";
    }

    /**
     * A poll shows none of the package's facts. A page reloaded in the browser ({@code Cache-Control: max-age=0},
     * or {@code no-cache} for a hard reload) asks GitHub now; any other view may show GitHub's answer of less than
     * a minute ago, as GitHub's own {@code Cache-Control: private, max-age=60} allows.
     */
    private static PackageAnalyzer.PackageFacts packageFacts(HtmxRequest htmx, HttpServletRequest request) {
        if (htmx.isHtmxRequest()) {
            return PackageAnalyzer.PackageFacts.NOT_SHOWN;
        }
        boolean reloaded = Collections.list(request.getHeaders(HttpHeaders.CACHE_CONTROL)).stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(directive -> directive.trim().toLowerCase(Locale.ROOT))
                .anyMatch(directive -> directive.equals("no-cache") || directive.equals("max-age=0"))
                || "no-cache".equalsIgnoreCase(request.getHeader(HttpHeaders.PRAGMA));
        return reloaded ? PackageAnalyzer.PackageFacts.CURRENT : PackageAnalyzer.PackageFacts.RECENT;
    }

    @GetMapping("/owners/{owner}/versions/{id}")
    String version(@PathVariable String owner, @PathVariable long id, @RequestParam("package") String name,
                   SignedInUser user, Model model) {
        OwnerAccess access = readable(user, owner, model);
        Owner resolved = access.owner();
        String packageName = PackageNames.require(name);
        VersionDetails.VersionPage page = versionDetails.of(user, resolved, packageName, id);
        model.addAttribute("owner", resolved);
        model.addAttribute("packageName", packageName);
        model.addAttribute("packagePath", paths.pkg(resolved.login(), packageName));
        model.addAttribute("packagesPath", paths.packages(resolved.login()));
        model.addAttribute("containerPackage", page.containerPackage());
        model.addAttribute("row", page.row());
        model.addAttribute("belonging", page.belonging());
        model.addAttribute("partOf", page.partOf());
        model.addAttribute("manifest", page.manifest());
        model.addAttribute("manifestJson", page.manifestJson());
        model.addAttribute("config", page.config());
        model.addAttribute("manifestProblem", page.manifestProblem());
        // Tag actions are offered to the owner's admins; the pages they lead to check it again before anything changes.
        model.addAttribute("canChangeTags", access.admin());
        model.addAttribute("tagsPath", paths.tags(resolved.login()));
        return "packages/version";
    }

    /**
     * The owner the URL names and the person's role for it, which the page shows in place of {@code OwnerAccessAdvice}'s
     * (that one knows only the person's own owners).
     */
    private OwnerAccess readable(SignedInUser user, String login, Model model) {
        OwnerAccess access = owners.requireReadable(user, login);
        model.addAttribute("access", access);
        return access;
    }
}
